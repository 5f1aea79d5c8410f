/** The arrival desk at a port of entry: arrivals and departures. */
import { graphql } from '../gql';

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
