import { gatewayProofHeaders } from '#libs/auth/gateway-proof.js';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    fields?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

/** A minimal GraphQL-over-HTTP client for tests and benchmarks, as a partner system would call. */
export class GraphQLClient {
  constructor(
    readonly url: string,
    readonly token: string | null = null,
    /**
     * Set only by tests that call a subgraph itself (not through the gateway):
     * requests are then signed as the gateway signs them.
     */
    private readonly gatewaySecret: string | null = null,
  ) {}

  withToken(token: string | null): GraphQLClient {
    return new GraphQLClient(this.url, token, this.gatewaySecret);
  }

  /** The raw answer, errors included. */
  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T> & { status: number }> {
    const sent = JSON.stringify({ query, variables });
    const proof = this.gatewaySecret
      ? gatewayProofHeaders(this.gatewaySecret, {
          method: 'POST',
          path: new URL(this.url).pathname,
          body: sent,
        })
      : {};
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
        ...proof,
      },
      body: sent,
    });
    const body = (await res.json()) as GraphQLResponse<T>;
    return { ...body, status: res.status };
  }

  /** The data; throws with the errors when there are any. */
  async query<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }

  /** The errors of a call expected to fail (throws when it succeeds). */
  async errors(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLErrorShape[]> {
    const result = await this.request(query, variables);
    if (!result.errors?.length)
      throw new Error(`expected errors, got ${JSON.stringify(result.data)}`);
    return result.errors;
  }

  async login(email: string, password: string): Promise<GraphQLClient> {
    const data = await this.query<{ login: { token: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { token } }`,
      { input: { email, password } },
    );
    return this.withToken(data.login.token);
  }
}
