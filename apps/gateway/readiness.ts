/** True when every subgraph answers its /health with 200 within the timeout. */
export async function subgraphsHealthy(graphqlUrls: string[], timeoutMs = 2000): Promise<boolean> {
  const results = await Promise.all(
    graphqlUrls.map(async (url) => {
      try {
        const res = await fetch(url.replace(/\/graphql$/, '/health'), {
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        return res.ok;
      } catch {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}
