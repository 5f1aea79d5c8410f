/** Signing in and who is signed in. */
import { graphql } from '../gql';

export const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      user {
        id
        email
        roles
      }
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      roles
      organisation {
        id
        name
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
