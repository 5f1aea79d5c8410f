/** The health desk: test results and release from isolation. */
import { graphql } from '../gql';

export const RecordTestResultMutation = graphql(`
  mutation RecordTestResult($input: TestResultInput!) {
    recordTestResult(input: $input) {
      status
      lastNegativeTestAt
      testDueBy
      stateChanged
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

/** Who must be tested before the instant, soonest (so overdue) first. */
export const TestsDueQuery = graphql(`
  query TestsDue($before: DateTime!, $first: Int, $after: String) {
    testsDue(before: $before, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
        closedLoop {
          status
          testDueBy
        }
      }
    }
  }
`);
