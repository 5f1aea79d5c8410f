import type { IncomingMessage, ServerResponse } from 'node:http';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '#libs/auth/gateway-proof.js';
import { notFound } from '#apps/gateway/http-answers.js';

/** What a file link may look like: /files/<kind>/<id>[/<variant>]?exp=...&sig=... */
const FILE_LINK = /^\/files(\/[A-Za-z0-9_-]{1,64}){1,3}(\.pdf)?(\?[A-Za-z0-9_=&%.-]{0,2000})?$/;
/** Headers of the service's answer that the caller gets. */
const PASSED_ON = ['content-type', 'content-length', 'cache-control', 'content-disposition'];

/**
 * Serves the accreditation service's short-lived file links (portraits,
 * printable cards) at the gateway's origin: a GET to /files/... is forwarded
 * with the gateway's proof, as every request to a subgraph is; the service
 * checks the link's own signature and expiry.
 */
export function filesProxy(gatewaySecret: string, accreditationUrl: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !FILE_LINK.test(url)) {
      return notFound(res);
    }
    const target = new URL(url, accreditationUrl);
    const answer = await fetch(target, {
      method: req.method,
      headers: {
        [GATEWAY_PROOF_HEADER]: signGatewayProof(gatewaySecret, {
          method: req.method,
          path: target.pathname,
        }),
      },
    });
    const headers: Record<string, string> = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    for (const name of PASSED_ON) {
      const value = answer.headers.get(name);
      if (value) headers[name] = value;
    }
    res.writeHead(answer.status, headers);
    res.end(Buffer.from(await answer.arrayBuffer()));
  };
}
