import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bodyMatchesProof,
  checkGatewayProof,
  GATEWAY_PROOF_PARAM,
  PROOF_LIFETIME_MS,
  signGatewayProof,
  socketHasGatewayProof,
  WEBSOCKET_METHOD,
} from '#libs/auth/gateway-proof.js';

const SECRET = 'a-gateway-secret-of-at-least-32-characters';
const REQUEST = { method: 'POST', path: '/graphql', body: '{"query":"{ me { id } }"}' };
const NOW = 1_800_000_000_000;

const check = (value: string | null, now = NOW, request = REQUEST, secret = SECRET) =>
  checkGatewayProof(secret, value, { method: request.method, path: request.path }, now);

describe('the gateway proof', () => {
  it('accepts what the gateway signed, for exactly the body it signed', () => {
    const checked = check(signGatewayProof(SECRET, REQUEST, NOW));
    assert.ok(checked.proof);
    assert.equal(bodyMatchesProof(checked.proof, REQUEST.body), true);
    assert.equal(bodyMatchesProof(checked.proof, Buffer.from(REQUEST.body)), true);
    assert.equal(bodyMatchesProof(checked.proof, '{"query":"{ people { totalCount } }"}'), false);
    assert.equal(bodyMatchesProof(checked.proof, ''), false);
  });

  it('refuses a missing, malformed or forged proof', () => {
    assert.equal(check(null).problem, 'missing');
    assert.equal(check('Bearer something').problem, 'malformed');
    assert.equal(
      check(signGatewayProof('another-secret-of-at-least-32-chars!!', REQUEST, NOW)).problem,
      'forged',
    );
    const genuine = signGatewayProof(SECRET, REQUEST, NOW);
    // Moving the time to make an old proof young again breaks the signature.
    assert.equal(check(genuine.replace(`t=${NOW}`, `t=${NOW + 1}`)).problem, 'forged');
    // A proof for one path or method is worth nothing on another.
    assert.equal(check(genuine, NOW, { ...REQUEST, path: '/other' }).problem, 'forged');
    assert.equal(check(genuine, NOW, { ...REQUEST, method: 'GET' }).problem, 'forged');
  });

  it('lives PROOF_LIFETIME_MS either way of the clock, no longer', () => {
    const proof = signGatewayProof(SECRET, REQUEST, NOW);
    assert.ok(check(proof, NOW + PROOF_LIFETIME_MS).proof);
    assert.ok(check(proof, NOW - PROOF_LIFETIME_MS).proof);
    assert.equal(check(proof, NOW + PROOF_LIFETIME_MS + 1).problem, 'expired');
    assert.equal(check(proof, NOW - PROOF_LIFETIME_MS - 1).problem, 'expired');
  });

  it('proves a subgraph socket only with a fresh proof made for a socket', () => {
    const socketProof = signGatewayProof(SECRET, { method: WEBSOCKET_METHOD, path: '/graphql' });
    assert.equal(socketHasGatewayProof(SECRET, { [GATEWAY_PROOF_PARAM]: socketProof }), true);
    assert.equal(socketHasGatewayProof(SECRET, {}), false);
    assert.equal(socketHasGatewayProof(SECRET, undefined), false);
    const httpProof = signGatewayProof(SECRET, { method: 'GET', path: '/graphql' });
    assert.equal(socketHasGatewayProof(SECRET, { [GATEWAY_PROOF_PARAM]: httpProof }), false);
    const old = signGatewayProof(
      SECRET,
      { method: WEBSOCKET_METHOD, path: '/graphql' },
      Date.now() - PROOF_LIFETIME_MS - 1000,
    );
    assert.equal(socketHasGatewayProof(SECRET, { [GATEWAY_PROOF_PARAM]: old }), false);
  });
});
