/** Exports: the lists a screen shows, every page of them. */
import { graphql } from '../gql';

export const DeniedScansQuery = graphql(`
  query DeniedScans(
    $areaCode: String
    $from: DateTime
    $to: DateTime
    $first: Int
    $after: String
  ) {
    checkIns(
      decision: DENIED
      areaCode: $areaCode
      from: $from
      to: $to
      first: $first
      after: $after
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        scannedAt
        direction
        reasons
        deviceId
        area {
          code
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
          }
        }
        annulment {
          at
        }
      }
    }
  }
`);
