/** Administration: inspection areas and the audit trail (ADMIN). */
import { graphql } from '../gql';

export const CreateInspectionAreaMutation = graphql(`
  mutation CreateInspectionArea($input: CreateInspectionAreaInput!) {
    createInspectionArea(input: $input) {
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

export const AuditTrailQuery = graphql(`
  query AuditTrail(
    $personId: ID
    $actor: String
    $from: DateTime
    $to: DateTime
    $first: Int
    $after: String
  ) {
    auditTrail(
      personId: $personId
      actor: $actor
      from: $from
      to: $to
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        at
        actor
        action
        personId
        outcome
        clientAddress
        service
      }
    }
  }
`);
