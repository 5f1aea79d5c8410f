import { readFile } from 'node:fs/promises';

export type SubgraphUrls = Record<'accreditation' | 'inspection' | 'movement', string>;

/**
 * The committed supergraph names each subgraph's URL at composition time;
 * a deployment points them at wherever the services run.
 */
export function withSubgraphUrls(supergraph: string, urls: SubgraphUrls): string {
  return supergraph.replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (whole, name: string) => {
      const url = urls[name as keyof SubgraphUrls];
      if (!url) throw new Error(`No URL configured for subgraph ${name}`);
      return `@join__graph(name: "${name}", url: "${url}")`;
    },
  );
}

export async function loadSupergraph(path: string, urls: SubgraphUrls): Promise<string> {
  return withSubgraphUrls(await readFile(path, 'utf8'), urls);
}
