/**
 * Benchmarks measure the services as they are deployed: `npm run bench` and the `bench:*`
 * scripts run with NODE_ENV=production, so graphql-js skips its development checks (a
 * third of the Node time of an answer of thousands of objects) in the gateway, which runs in
 * the benchmark's process, and in the services, started with this environment. Any other
 * NODE_ENV measures the development build, and each report's first line says which.
 */
export const DEPLOYED = process.env.NODE_ENV === 'production';

/** The environment a benchmark's services start with, beside its own settings. */
export function deployedEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return { ...(DEPLOYED ? { NODE_ENV: 'production' } : {}), ...extra };
}
