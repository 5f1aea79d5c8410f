import {
  Client,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
  type Exchange,
} from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { errorCodes } from './errors';

export const GRAPHQL_PATH = '/graphql';
export const CLIENT_HEADER = 'staff-web';

/** Headers every HTTP request to the gateway carries. */
export function requestHeaders(token: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-graphql-client': CLIENT_HEADER,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

function websocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface ApiClientOptions {
  token: string | null;
  /** Called when the gateway says the session is no longer valid. */
  onUnauthenticated: () => void;
}

/**
 * The urql client: every request is a POST with a JSON body (the gateway
 * refuses requests a browser could send cross-site), subscriptions go over
 * graphql-ws on the same path.
 */
export type ApiClient = Client & { dispose?: () => void };

export function createApiClient({ token, onUnauthenticated }: ApiClientOptions): ApiClient {
  const exchanges: Exchange[] = [
    mapExchange({
      onError(error) {
        if (errorCodes(error).includes('UNAUTHENTICATED')) onUnauthenticated();
      },
    }),
    cacheExchange,
    fetchExchange,
  ];
  let dispose: (() => void) | undefined;
  if (token) {
    const ws = createWsClient({
      url: websocketUrl(GRAPHQL_PATH),
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    });
    dispose = () => void ws.dispose();
    exchanges.push(
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    );
  }
  const client = new Client({
    url: GRAPHQL_PATH,
    exchanges,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: requestHeaders(token) }),
  });
  // Closes the subscription socket of a session that has ended.
  return Object.assign(client, { dispose });
}
