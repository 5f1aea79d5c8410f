/** Whether each named subgraph answers its /health with 200 within the timeout. */
export async function subgraphsHealth(
  graphqlUrls: Record<string, string>,
  timeoutMs = 2000,
): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    Object.entries(graphqlUrls).map(async ([name, url]) => {
      try {
        const res = await fetch(url.replace(/\/graphql$/, '/health'), {
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        return [name, res.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
