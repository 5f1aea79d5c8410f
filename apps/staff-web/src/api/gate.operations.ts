/** The gate: areas, card keys and deny list for offline decisions, scans. */
import { graphql } from '../gql';

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
    venues {
      code
      position
      zones
      zonePositions
    }
  }
`);

export const DenyListQuery = graphql(`
  query DenyList {
    cardDenyList {
      cardNumber
      status
      tokenVersion
      reasons
      testDueBy
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
        photo {
          url
        }
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

export const ConflictsQuery = graphql(`
  query Conflicts($areaCode: String, $first: Int, $after: String) {
    checkIns(conflict: true, areaCode: $areaCode, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        direction
        decision
        deviceDecision
        reasons
        scannedAt
        recordedAt
        deviceId
        area {
          code
          name
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
  }
`);

export const AnnulCheckInMutation = graphql(`
  mutation AnnulCheckIn($id: ID!, $reason: String!) {
    annulCheckIn(id: $id, reason: $reason) {
      id
      decision
      annulment {
        at
        by
        reason
      }
    }
  }
`);
