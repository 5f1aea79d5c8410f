/** The admin screens: users, API keys, inspection areas and the audit trail (ADMIN). */
import { graphql } from '../gql';

export const UsersQuery = graphql(`
  query Users($first: Int, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      nodes {
        id
        email
        roles
        disabled
        organisation {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      roles
      disabled
    }
  }
`);

export const DisableUserMutation = graphql(`
  mutation DisableUser($id: ID!) {
    disableUser(id: $id) {
      id
      email
      disabled
    }
  }
`);

export const EnableUserMutation = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(id: $id) {
      id
      email
      disabled
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      scopes
      createdAt
      revokedAt
      organisation {
        id
        name
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        scopes
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      name
      revokedAt
    }
  }
`);

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

export const VenueCatalogueQuery = graphql(`
  query VenueCatalogue {
    venues {
      code
      name
      zones
    }
  }
`);

export const UpsertVenueMutation = graphql(`
  mutation UpsertVenue($input: VenueInput!) {
    upsertVenue(input: $input) {
      code
      name
      zones
    }
  }
`);
