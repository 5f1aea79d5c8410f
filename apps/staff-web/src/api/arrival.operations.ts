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
      alreadyArrivedAt
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

export const DepartingPersonQuery = graphql(`
  query DepartingPerson($cardNumber: String!) {
    personByCard(cardNumber: $cardNumber) {
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
  }
`);
