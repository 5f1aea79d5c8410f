/** What a page of an allowed origin may send: our client's headers and nothing else. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-graphql-client',
  'apollo-require-preflight',
  'x-request-id',
];

/**
 * CORS for the API: only the configured origins (CORS_ORIGINS) get
 * Access-Control headers, each its own origin, never a reflection of
 * whatever Origin a page sends; with none configured, only pages served by
 * the gateway itself (same origin, which needs no CORS) may call with
 * credentials.
 */
export function corsPolicy(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowed.has(origin)) return false as const;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      maxAge: 600,
    };
  };
}
