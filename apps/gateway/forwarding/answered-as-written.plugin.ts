import { processRegularResult, type Plugin } from 'graphql-yoga';
import { writtenAs } from '#apps/gateway/forwarding/passed-through.js';

/** The media types of GraphQL Yoga's JSON answers, in the order its processor tries them. */
const JSON_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'];

/** Whether a type the client accepts (`*` allowed on either side of the slash) covers `type`. */
function covers(accepted: string, type: string): boolean {
  const [acceptedKind, acceptedSubtype] = accepted.split('/');
  const [kind, subtype] = type.split('/');
  return (
    (acceptedKind === '*' || acceptedKind === kind) &&
    (acceptedSubtype === '*' || acceptedSubtype === subtype)
  );
}

/**
 * The media type GraphQL Yoga's JSON processor answers a request with, by Yoga's rule: the
 * Accept header's types that allow UTF-8, last to first, each tried against the JSON types
 * in order, the last match winning (`*` or no header: application/json). Asked only once
 * Yoga chose that processor; its test holds it to Yoga's own answers.
 */
export function jsonMediaTypeFor(accept: string | null): string | undefined {
  const accepted = (accept || '*/*')
    .replace(/\s/g, '')
    .toLowerCase()
    .split(',')
    .map((entry) => entry.split(';'))
    .filter(([, ...params]) => {
      const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
      return charset === 'charset=utf-8';
    })
    .map(([type]) => type)
    .reverse();
  let chosen: string | undefined;
  for (const type of accepted) {
    for (const json of JSON_MEDIA_TYPES) if (covers(type, json)) chosen = json;
  }
  return chosen;
}

/**
 * Answers a forwarded answer of data alone (passed-through.ts) with the subgraph's bytes as
 * its body, where GraphQL Yoga would answer it as JSON: the same status (200) and content
 * type, without decoding the bytes into a string and encoding that string again on the way
 * out: a copy each way of every byte, a third to a half of the gateway's CPU for a large
 * answer (ARCHITECTURE.md, "Speed, tenth pass"). Any other answer, and one a later plugin
 * replaced or added to, is processed by Yoga as usual.
 */
export function useAnswersAsWritten(): Plugin {
  return {
    onResultProcess(payload) {
      const { request, result } = payload;
      if (payload.resultProcessor !== processRegularResult) return;
      const body = writtenAs(result);
      const mediaType = body && jsonMediaTypeFor(request.headers.get('accept'));
      if (!body || !mediaType) return;
      payload.setResultProcessor((processed, fetchAPI, accepted) => {
        if (processed !== result || writtenAs(processed) !== body) {
          return processRegularResult(processed, fetchAPI, accepted);
        }
        return new fetchAPI.Response(body, {
          status: 200,
          headers: { 'Content-Type': `${accepted}; charset=utf-8` },
        });
      }, mediaType);
    },
  };
}
