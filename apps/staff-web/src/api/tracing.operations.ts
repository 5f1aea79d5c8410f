/** Tracing: stays, contacts and designating close contacts. */
import { graphql } from '../gql';

export const TraceQuery = graphql(`
  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int, $first: Int) {
    stays(personId: $personId, from: $from, to: $to) {
      location
      from
      until
    }
    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes, first: $first) {
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
    $personIds: [ID!]
  ) {
    designateCloseContacts(
      personId: $personId
      from: $from
      to: $to
      minMinutes: $minMinutes
      personIds: $personIds
    ) {
      totalMinutes
      person {
        id
        givenName
        familyName
        closedLoop {
          status
          closeContactUntil
          testDueBy
        }
      }
    }
  }
`);
