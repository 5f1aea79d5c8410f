import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { describe, it } from 'node:test';
import { KeptAlivePoster } from '#libs/common/kept-alive-poster.js';

/** Resolves when `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listening(server: net.Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
}

describe('KeptAlivePoster', () => {
  it('closes an idle connection itself when its server announces a keep-alive timeout', async () => {
    // The server never closes idle connections itself, but announces that it would after 2 s.
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'keep-alive': 'timeout=2' }).end('ok'));
    });
    server.keepAliveTimeout = 0;
    const connections: net.Socket[] = [];
    server.on('connection', (socket: net.Socket) => connections.push(socket));
    const url = await listening(server);
    const poster = new KeptAlivePoster();
    try {
      const answer = await poster.post(url, '{}', {});
      assert.equal(answer.body.toString(), 'ok');
      assert.equal(connections.length, 1);
      await eventually(() => connections[0].closed, 10_000, 'the idle connection closed');
    } finally {
      poster.close();
      server.close();
    }
  });

  it('fails a request whose kept-alive connection is dropped, and does not send it twice', async () => {
    // Answers the first request of each connection and keeps it open; drops it on the next,
    // after reading it: the request may have been applied.
    let requests = 0;
    const server = net.createServer((socket) => {
      let answered = false;
      socket.on('data', () => {
        requests += 1;
        if (answered) return void socket.destroy();
        answered = true;
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      });
    });
    const url = await listening(server);
    const poster = new KeptAlivePoster();
    try {
      assert.equal((await poster.post(url, '{}', {})).body.toString(), 'ok');
      await assert.rejects(poster.post(url, '{}', {}), { code: 'ECONNRESET' });
      assert.equal(requests, 2);
    } finally {
      poster.close();
      server.close();
    }
  });
});
