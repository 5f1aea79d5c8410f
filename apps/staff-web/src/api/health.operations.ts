/** The health desk: test results and release from isolation. */
import { graphql } from '../gql';

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
