import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

interface ErrorBody {
  message: string;
  extensions: { code: string; [key: string]: unknown };
}

/**
 * A GraphQL-shaped error answer, after which the connection closes: a body
 * the gateway refused to read must not be taken for the next request.
 */
export function sendErrors(res: ServerResponse, status: number, errors: ErrorBody[]): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ errors }));
}

export function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not found');
}

/** True for failures that mean the client went away (a body cut off, a reset connection). */
function clientWentAway(req: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return (
    req.destroyed ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error instanceof Error && error.message === 'aborted')
  );
}

/**
 * Where every request path of the gateway ends: a client that went away is
 * noted and forgotten; anything else is logged with an id and answered 500
 * with that id (never a stack trace), or the connection is closed when an
 * answer had already begun. Nothing a request does can end the process.
 */
export function answerFailure(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
): void {
  if (clientWentAway(req, error)) {
    logger.debug({ url: req.url, err: error }, 'client went away mid-request');
    res.destroy();
    return;
  }
  const errorId = randomUUID();
  logger.error({ err: error, errorId, url: req.url }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendErrors(res, 500, [
    {
      message: `Internal error (id ${errorId})`,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    },
  ]);
}
