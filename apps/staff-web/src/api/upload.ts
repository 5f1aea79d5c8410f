import { print } from 'graphql';
import { CombinedError, type TypedDocumentNode } from 'urql';
import type { GraphQLError } from 'graphql';
import { GRAPHQL_PATH, requestHeaders } from './client';
import { loadToken } from '../auth/session';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadResult<Data> {
  data?: Data;
  error?: CombinedError;
}

export type UploadFn = <Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  onProgress: (progress: UploadProgress) => void,
) => Promise<UploadResult<Data>>;

/**
 * Sends a GraphQL operation with XMLHttpRequest, which (unlike fetch) reports
 * upload progress: used for large CSV imports.
 */
export const uploadWithProgress: UploadFn = (document, variables, onProgress) =>
  new Promise((resolve) => {
    const body = JSON.stringify({ query: print(document), variables });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', GRAPHQL_PATH);
    for (const [name, value] of Object.entries(requestHeaders(loadToken()))) {
      xhr.setRequestHeader(name, value);
    }
    const total = new Blob([body]).size;
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.total || total });
    xhr.onerror = () =>
      resolve({ error: new CombinedError({ networkError: new Error('Network error') }) });
    xhr.onload = () => {
      try {
        const json = JSON.parse(xhr.responseText) as {
          data?: never;
          errors?: Partial<GraphQLError>[];
        };
        const error = json.errors?.length
          ? new CombinedError({ graphQLErrors: json.errors })
          : undefined;
        resolve({ data: json.data ?? undefined, error });
      } catch {
        resolve({
          error: new CombinedError({ networkError: new Error(`HTTP ${xhr.status}`) }),
        });
      }
    };
    onProgress({ loaded: 0, total });
    xhr.send(body);
  });
