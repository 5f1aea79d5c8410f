/** The accreditation office: organisations, people, registration, import, the card lifecycle. */
import { graphql } from '../gql';

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
      photo {
        url
        width
        height
        takenAt
      }
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
        cardPdfUrl
        history {
          status
          reason
          at
          by
          changes {
            field
            from
            to
          }
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

export const AccreditationCategoriesQuery = graphql(`
  query AccreditationCategories {
    accreditationCategories {
      code
      name
    }
  }
`);

export const UpdatePersonMutation = graphql(`
  mutation UpdatePerson($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      person {
        id
        givenName
        familyName
      }
      changes {
        field
        from
        to
      }
      cardReissued
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

export const SuspendAccreditationsMutation = graphql(`
  mutation SuspendAccreditations($ids: [ID!]!, $reason: String!) {
    suspendAccreditations(ids: $ids, reason: $reason) {
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

export const SetPersonPhotoMutation = graphql(`
  mutation SetPersonPhoto($personId: ID!, $imageBase64: String!) {
    setPersonPhoto(personId: $personId, imageBase64: $imageBase64) {
      id
      photo {
        url
        width
        height
        takenAt
      }
    }
  }
`);

export const ApproveAccreditationsMutation = graphql(`
  mutation ApproveAccreditations($ids: [ID!]!) {
    approveAccreditations(ids: $ids) {
      id
      status
      cardToken
    }
  }
`);

export const CardsPdfUrlQuery = graphql(`
  query CardsPdfUrl($ids: [ID!]!) {
    cardsPdfUrl(accreditationIds: $ids)
  }
`);
