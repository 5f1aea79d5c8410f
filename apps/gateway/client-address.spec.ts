import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { clientAddressOf } from '#apps/gateway/client-address.js';

const request = (socket: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: socket },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe("the client's address", () => {
  it("is the connection's without trusted proxies, whatever X-Forwarded-For says", () => {
    assert.equal(clientAddressOf(request('192.0.2.10', '203.0.113.9'), 0), '192.0.2.10');
  });

  it('is the entry the trusted proxy appended (the rightmost), not one the client wrote', () => {
    // The client wrote 203.0.113.9; the load balancer appended the address it saw.
    const req = request('10.0.0.2', '203.0.113.9, 198.51.100.7');
    assert.equal(clientAddressOf(req, 1), '198.51.100.7');
  });

  it('counts back as many entries as there are trusted proxies', () => {
    // client -> edge proxy (appends the client) -> load balancer (appends the edge) -> gateway
    const req = request('10.0.0.2', '203.0.113.66, 198.51.100.7, 10.0.0.1');
    assert.equal(clientAddressOf(req, 2), '198.51.100.7');
    assert.equal(clientAddressOf(req, 3), '203.0.113.66');
  });

  it('stops at the leftmost entry and never believes one that is not an address', () => {
    assert.equal(clientAddressOf(request('10.0.0.2', '198.51.100.7'), 3), '198.51.100.7');
    assert.equal(clientAddressOf(request('10.0.0.2'), 1), '10.0.0.2');
    assert.equal(clientAddressOf(request('10.0.0.2', 'not-an-ip'), 1), '10.0.0.2');
  });
});
