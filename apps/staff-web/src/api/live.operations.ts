/** The live board: denial counts and the live check-in feed. */
import { graphql } from '../gql';

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
      deviceDecision
      conflict
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
