/** The admin screens: users and API keys. */
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
