import type { NextFunction, Request, Response } from 'express';
import {
  bodyMatchesProof,
  checkGatewayProof,
  GATEWAY_PROOF_HEADER,
  type ParsedProof,
  type ProofProblem,
} from '#libs/auth/gateway-proof.js';

/**
 * Paths a service answers without the gateway's proof: what a load balancer or
 * an orchestrator probes, and /metrics, which a Prometheus scraper reads with its own
 * bearer (METRICS_TOKEN, checked by the metrics controller).
 */
export const OPEN_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics']);

type WithRawBody = Request & { rawBody?: Buffer };

/**
 * The two halves of a subgraph's check that a request comes from the gateway:
 * `beforeBody` checks the proof's signature and age from the headers alone
 * (a forged request is refused before its body is read); `afterBody`, placed
 * after the body parser (which keeps the raw body), checks that the body is
 * the one that was signed. Anything but OPEN_PATHS without both is refused
 * with 403.
 */
export function gatewayProofMiddleware(
  secret: string,
  logger: { warn(details: object, message: string): void },
  openPaths: ReadonlySet<string> = OPEN_PATHS,
) {
  const proofs = new WeakMap<Request, ParsedProof>();
  const refuse = (req: Request, res: Response, problem: ProofProblem) => {
    logger.warn(
      { problem, method: req.method, path: req.path, from: req.socket.remoteAddress },
      'request without valid gateway proof refused',
    );
    res.status(403).json({
      errors: [
        {
          message: 'This service answers only the gateway',
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  };
  return {
    beforeBody: (req: Request, res: Response, next: NextFunction): void => {
      if (openPaths.has(req.path)) return next();
      const header = req.headers[GATEWAY_PROOF_HEADER];
      const checked = checkGatewayProof(secret, Array.isArray(header) ? header[0] : header, {
        method: req.method,
        path: req.path,
      });
      if (checked.problem) return refuse(req, res, checked.problem);
      proofs.set(req, checked.proof);
      next();
    },
    afterBody: (req: Request, res: Response, next: NextFunction): void => {
      if (openPaths.has(req.path)) return next();
      const proof = proofs.get(req);
      if (!proof) return refuse(req, res, 'missing');
      if (!bodyMatchesProof(proof, (req as WithRawBody).rawBody)) {
        return refuse(req, res, 'body-mismatch');
      }
      next();
    },
  };
}
