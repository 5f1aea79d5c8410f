import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { allows, OPERATION_POLICIES } from '#libs/auth/access-policy.js';
import type { Role } from '#libs/auth/roles.js';
import { requestIdFrom } from '#libs/common/request-id.js';
import { clientAddressOf } from '#apps/gateway/client-address.js';
import { sendErrors } from '#apps/gateway/http-answers.js';
import {
  BATCH_BODY_BYTES,
  BATCH_BODY_OPERATIONS,
  BodyTooLargeError,
  declaredLength,
  LARGE_BODY_BYTES,
  LARGE_BODY_OPERATIONS,
  mayHaveLargeBody,
  readAuthorizedBody,
  SMALL_BODY_BYTES,
  type LargeBodyGrant,
  type LargeBodyRefusal,
} from '#apps/gateway/security/body-limit.js';
import { limitExtensions } from '#apps/gateway/security/limit-error.js';

/**
 * Settles who asks before anything is forwarded: the request id is the
 * client's only when well formed, and the client's address is the
 * connection's or the one a trusted proxy appended. The subgraphs receive
 * these two (signed with the rest), never what the client wrote.
 */
export function settleRequestIdentity(req: IncomingMessage, trustedProxyHops: number): void {
  req.headers['x-request-id'] = requestIdFrom(req.headers['x-request-id']);
  const address = clientAddressOf(req, trustedProxyHops);
  if (address) req.headers['x-forwarded-for'] = address;
  else delete req.headers['x-forwarded-for'];
}

/**
 * POST /graphql (and GET): a body of announced length up to SMALL_BODY_BYTES
 * goes straight to the runtime; anything else is read here, past the small
 * limit only for a caller allowed an operation that may send more
 * (importPeople), and only such an operation may then send up to
 * LARGE_BODY_BYTES.
 */
export function graphqlRequestHandler(runtime: GatewayRuntime, trustedProxyHops: number) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    settleRequestIdentity(req, trustedProxyHops);
    // Answers differ by Origin (CORS allow-list): no cache may mix them up.
    res.setHeader('vary', 'Origin');
    const length = declaredLength(req);
    if (req.method !== 'POST' || (length !== null && length <= SMALL_BODY_BYTES)) {
      // The runtime ends its own handling in a catch (and answers), so nothing escapes it.
      runtime.requestListener(req, res);
      return;
    }
    await forwardLargeBody(runtime, req, res);
  };
}

async function forwardLargeBody(
  runtime: GatewayRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  let body: Awaited<ReturnType<typeof readAuthorizedBody>>;
  try {
    body = await readAuthorizedBody(req, () => mayCallLargeBodyOperation(runtime, req));
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return tooLarge(
        res,
        error.limit,
        error.limit === LARGE_BODY_BYTES
          ? 'split the import into several files'
          : 'only importPeople may send more; split the batch',
      );
    }
    throw error;
  }
  if (!Buffer.isBuffer(body)) return refuseLargeBody(res, body.refused);
  if (body.length > SMALL_BODY_BYTES && !mayHaveLargeBody(body)) {
    return tooLarge(
      res,
      SMALL_BODY_BYTES,
      'only importPeople, setPersonPhoto, recordMovements and submitCheckIns may send more',
    );
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'content-length' && name !== 'transfer-encoding') {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  const response = await runtime.fetch(`http://gateway${req.url ?? '/graphql'}`, {
    method: 'POST',
    headers,
    body,
  });
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Asks the accreditation service who the caller is (`me`, with the caller's
 * own credentials) before a large body is read: a signed-in user whose roles
 * allow an operation of LARGE_BODY_OPERATIONS may send up to LARGE_BODY_BYTES;
 * one whose roles allow a batch operation, or a valid API key (its scopes are
 * checked by the service), up to BATCH_BODY_BYTES.
 */
async function mayCallLargeBodyOperation(
  runtime: GatewayRuntime,
  req: IncomingMessage,
): Promise<LargeBodyGrant> {
  const refused = (reason: LargeBodyRefusal) => ({ refused: reason });
  const authorization = req.headers.authorization;
  if (!authorization) return refused('unauthenticated');
  let answer: {
    data?: { me: { roles: Role[] } | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
  try {
    const response = await runtime.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization,
        'x-request-id': String(req.headers['x-request-id']),
        'x-forwarded-for': String(req.headers['x-forwarded-for'] ?? ''),
      },
      body: JSON.stringify({ query: '{ me { roles } }' }),
    });
    answer = (await response.json()) as typeof answer;
  } catch {
    return refused('unavailable');
  }
  if (answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    return refused('unauthenticated');
  }
  if (!answer.data) return refused('unavailable');
  const me = answer.data.me;
  // Signed in (no UNAUTHENTICATED) but no user: an API key.
  if (!me) return { limit: BATCH_BODY_BYTES };
  const user = { kind: 'user' as const, id: '', roles: me.roles };
  const mayCall = (operations: ReadonlySet<string>) =>
    [...operations].some((operation) => {
      const policy = OPERATION_POLICIES[`Mutation.${operation}`];
      return policy !== undefined && allows(policy, user);
    });
  if (mayCall(LARGE_BODY_OPERATIONS)) return { limit: LARGE_BODY_BYTES };
  if (mayCall(BATCH_BODY_OPERATIONS)) return { limit: BATCH_BODY_BYTES };
  return refused('not-allowed');
}

function refuseLargeBody(res: ServerResponse, refusal: LargeBodyRefusal): void {
  switch (refusal) {
    case 'unauthenticated':
      return sendErrors(res, 401, [
        {
          message: `Sign in first: a request body over ${SMALL_BODY_BYTES} bytes is read only from a signed-in caller allowed to import`,
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ]);
    case 'not-allowed':
      return tooLarge(res, SMALL_BODY_BYTES, 'only importPeople and setPersonPhoto may send more');
    case 'unavailable':
      return sendErrors(res, 503, [
        {
          message: 'Your credentials cannot be checked now: try again shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        },
      ]);
  }
}

function tooLarge(res: ServerResponse, limit: number, advice: string): void {
  const message = `Request body larger than ${limit} bytes: ${advice}`;
  sendErrors(res, 413, [{ message, extensions: limitExtensions('body', limit, message) }]);
}
