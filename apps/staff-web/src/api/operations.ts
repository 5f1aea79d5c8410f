/**
 * Every GraphQL operation the staff client sends, in one place so that the
 * generated types (src/gql, from `npm run codegen:web`) cover them all.
 */
import { graphql } from '../gql';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      user {
        id
        email
        roles
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      roles
      organisation {
        id
        name
      }
    }
  }
`);

// ------------------------------------------------------------------ gate

export const InspectionAreasQuery = graphql(`
  query InspectionAreas {
    inspectionAreas {
      id
      code
      name
      kind
      venueCode
      zone
      closedLoop
      occupancy
    }
  }
`);

export const VerificationKeysQuery = graphql(`
  query VerificationKeys {
    cardVerificationKeys
  }
`);

export const DenyListQuery = graphql(`
  query DenyList {
    cardDenyList {
      cardNumber
      status
      tokenVersion
    }
  }
`);

export const CheckInMutation = graphql(`
  mutation CheckIn($input: CheckInInput!) {
    checkIn(input: $input) {
      id
      direction
      decision
      reasons
      scannedAt
      replayed
      area {
        code
        name
      }
      person {
        id
        givenName
        familyName
        organisation {
          id
          name
        }
        accreditation {
          id
          cardNumber
          category
        }
      }
    }
  }
`);

export const SubmitCheckInsMutation = graphql(`
  mutation SubmitCheckIns($input: [CheckInInput!]!) {
    submitCheckIns(input: $input) {
      id
      decision
      deviceDecision
      conflict
      reasons
      scannedAt
      area {
        code
      }
      person {
        id
        givenName
        familyName
        accreditation {
          id
          cardNumber
        }
      }
    }
  }
`);

// --------------------------------------------------------------- arrival

export const ProcessArrivalMutation = graphql(`
  mutation ProcessArrival($input: ArrivalInput!) {
    processArrival(input: $input) {
      id
      decision
      reasons
      arrivedAt
      replayed
      person {
        id
        givenName
        familyName
        organisation {
          id
          name
        }
        accreditation {
          id
          cardNumber
          category
          status
        }
      }
    }
  }
`);

export const ProcessDepartureMutation = graphql(`
  mutation ProcessDeparture($input: DepartureInput!) {
    processDeparture(input: $input) {
      status
      enteredAt
    }
  }
`);

// --------------------------------------------------------- accreditation

export const OrganisationsQuery = graphql(`
  query Organisations {
    organisations {
      id
      code
      name
      type
      country
    }
  }
`);

export const PeopleQuery = graphql(`
  query People($filter: PeopleFilter, $first: Int, $after: String) {
    people(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        givenName
        familyName
        function
        organisation {
          id
          code
          name
        }
        accreditation {
          id
          cardNumber
          category
          status
        }
        closedLoop {
          status
          testDueBy
        }
      }
    }
  }
`);

export const PersonQuery = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      dateOfBirth
      nationality
      function
      documentNumber
      organisation {
        id
        code
        name
      }
      accreditation {
        id
        cardNumber
        category
        status
        validFrom
        validUntil
        venues
        zones
        cardToken
        history {
          status
          reason
          at
          by
        }
      }
      closedLoop {
        status
        enteredAt
        lastNegativeTestAt
        testDueBy
        closeContactUntil
      }
      movements(first: 100) {
        totalCount
        nodes {
          id
          location
          kind
          occurredAt
          source
        }
      }
    }
  }
`);

export const RegisterPersonMutation = graphql(`
  mutation RegisterPerson($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      id
      givenName
      familyName
      accreditation {
        id
        cardNumber
        status
      }
    }
  }
`);

export const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      code
      name
      type
      country
    }
  }
`);

export const ImportPeopleMutation = graphql(`
  mutation ImportPeople($input: ImportPeopleInput!) {
    importPeople(input: $input) {
      created
      dryRun
      errors {
        line
        field
        message
      }
    }
  }
`);

export const ApproveMutation = graphql(`
  mutation ApproveAccreditation($id: ID!) {
    approveAccreditation(id: $id) {
      id
      status
      cardToken
    }
  }
`);

export const SuspendMutation = graphql(`
  mutation SuspendAccreditation($id: ID!, $reason: String!) {
    suspendAccreditation(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const ReinstateMutation = graphql(`
  mutation ReinstateAccreditation($id: ID!) {
    reinstateAccreditation(id: $id) {
      id
      status
    }
  }
`);

export const RevokeMutation = graphql(`
  mutation RevokeAccreditation($id: ID!, $reason: String!) {
    revokeAccreditation(id: $id, reason: $reason) {
      id
      status
    }
  }
`);

export const ReissueMutation = graphql(`
  mutation ReissueCard($id: ID!) {
    reissueCard(id: $id) {
      id
      status
      cardToken
    }
  }
`);

// ---------------------------------------------------------------- health

export const RecordTestResultMutation = graphql(`
  mutation RecordTestResult($input: TestResultInput!) {
    recordTestResult(input: $input) {
      status
      lastNegativeTestAt
      testDueBy
    }
  }
`);

export const ReleaseMutation = graphql(`
  mutation ReleaseFromIsolation($personId: ID!, $reason: String!) {
    releaseFromIsolation(personId: $personId, reason: $reason) {
      status
    }
  }
`);

// --------------------------------------------------------------- tracing

export const TraceQuery = graphql(`
  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int) {
    stays(personId: $personId, from: $from, to: $to) {
      location
      from
      until
    }
    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes) {
      totalMinutes
      person {
        id
        givenName
        familyName
        organisation {
          id
          name
        }
        closedLoop {
          status
        }
      }
      encounters {
        location
        from
        until
        minutes
      }
    }
  }
`);

export const DesignateMutation = graphql(`
  mutation DesignateCloseContacts(
    $personId: ID!
    $from: DateTime!
    $to: DateTime!
    $minMinutes: Int
  ) {
    designateCloseContacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes) {
      totalMinutes
      person {
        id
        givenName
        familyName
        closedLoop {
          status
          closeContactUntil
        }
      }
    }
  }
`);

// ------------------------------------------------------------ live board

export const DenialCountQuery = graphql(`
  query DenialCount($areaCode: String!, $from: DateTime!) {
    checkIns(areaCode: $areaCode, decision: DENIED, from: $from, first: 1) {
      totalCount
    }
  }
`);

export const CheckInRecordedSubscription = graphql(`
  subscription CheckInRecorded {
    checkInRecorded {
      id
      direction
      decision
      reasons
      scannedAt
      recordedAt
      area {
        code
        name
      }
      person {
        id
        givenName
        familyName
        organisation {
          id
          name
        }
      }
    }
  }
`);
