import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/**
 * The client's address, for sign-in limits and the audit trail. Without
 * trusted proxies it is the connection's. Behind `trustedHops` proxies, each of
 * which appends the address it received the request from to X-Forwarded-For,
 * it is the entry that many places from the right: the one the outermost
 * trusted proxy wrote. Entries further left were written by the client and are
 * never believed; neither is an entry that is not an IP address.
 */
export function clientAddressOf(req: IncomingMessage, trustedHops: number): string | null {
  const socket = req.socket.remoteAddress ?? null;
  if (!socket || trustedHops === 0) return socket;
  const address = proxyAddr(req, (_address, hop) => hop < trustedHops);
  return isIP(address) ? address : socket;
}
