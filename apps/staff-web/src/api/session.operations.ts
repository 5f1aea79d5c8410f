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
      preferredLanguage
      organisation {
        id
        name
      }
    }
  }
`);

export const SetPreferredLanguageMutation = graphql(`
  mutation SetPreferredLanguage($language: Language!) {
    setPreferredLanguage(language: $language) {
      id
      preferredLanguage
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
