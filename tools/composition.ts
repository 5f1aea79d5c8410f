import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { fetchAsGateway } from '#libs/auth/gateway-proof.js';

export interface SubgraphSource {
  name: string;
  /** Where the running subgraph answers now. */
  url: string;
}

/**
 * A subgraph's SDL with its federation directives, as the gateway would see it:
 * subgraphs answer only the gateway, so the request carries its proof.
 */
export async function fetchSubgraphSdl(url: string, gatewaySecret: string): Promise<string> {
  const res = await fetchAsGateway(
    gatewaySecret,
    url,
    JSON.stringify({ query: '{ _service { sdl } }' }),
  );
  const body = (await res.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
  if (!body.data) throw new Error(`${url} gave no SDL: ${JSON.stringify(body.errors)}`);
  return body.data._service.sdl;
}

/** Composes the running subgraphs into the supergraph and the public API schema. */
export async function composeSupergraph(
  subgraphs: SubgraphSource[],
  gatewaySecret: string,
): Promise<{ supergraphSdl: string; publicSdl: string }> {
  const services = await Promise.all(
    subgraphs.map(async (s) => ({
      name: s.name,
      url: CANONICAL_URLS[s.name] ?? s.url,
      typeDefs: parse(await fetchSubgraphSdl(s.url, gatewaySecret)),
    })),
  );
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(
      `Composition failed:\n${(result.errors ?? []).map((e) => e.message).join('\n')}`,
    );
  }
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}

/**
 * The URLs written into the committed supergraph. The gateway replaces them
 * with the configured ones at start, so they only need to be stable.
 */
const CANONICAL_URLS: Record<string, string> = {
  accreditation: 'http://accreditation:4001/graphql',
  inspection: 'http://inspection:4002/graphql',
  movement: 'http://movement:4003/graphql',
};
