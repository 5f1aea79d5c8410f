import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExecutionResult } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import {
  jsonMediaTypeFor,
  useAnswersAsWritten,
} from '#apps/gateway/forwarding/answered-as-written.plugin.js';
import { passedThrough } from '#apps/gateway/forwarding/passed-through.js';

/** A subgraph's answer as written: a name outside ASCII, and the newline JSON bodies end with. */
const WRITTEN = Buffer.from(`${JSON.stringify({ data: { hello: 'Zoë 王' } })}\n`);

/** How many answers were serialised to a string on their way out. */
let serialised = 0;

/** Answers every operation with WRITTEN passed through, as the forwarding plugin does. */
const forwarding: Plugin = {
  onExecute({ setExecuteFn }) {
    setExecuteFn(() => {
      const result = passedThrough(WRITTEN);
      const stringify = result.stringify;
      result.stringify = (serialising) => {
        serialised += 1;
        return stringify(serialising);
      };
      return result;
    });
  },
};

/** Adds extensions to the result in place, as a plugin may after execution. */
const extending: Plugin = {
  onExecutionResult({ result }) {
    (result as ExecutionResult).extensions = { cost: 1 };
  },
};

function gateway(plugins: Plugin[]) {
  return createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String }' }),
    plugins: [forwarding, ...plugins],
    logging: false,
  });
}

type Gateway = ReturnType<typeof gateway>;

async function ask(server: Gateway, accept?: string) {
  const response = await server.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: JSON.stringify({ query: '{ hello }' }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

const ACCEPT_HEADERS = [
  undefined,
  '*/*',
  'application/json',
  'application/graphql-response+json',
  'application/graphql-response+json, application/json',
  'application/json, application/graphql-response+json',
  'application/graphql-response+json;charset=utf-8, application/json;q=0.9',
  'application/json; charset=iso-8859-1, application/graphql-response+json',
  'application/*',
  'text/html, */*;q=0.8',
  'text/event-stream',
  'multipart/mixed',
  'text/event-stream, application/json',
  'application/json, text/event-stream',
  'text/html',
];

describe('a forwarded answer of data alone, answered with the bytes as written', () => {
  it('is answered as GraphQL Yoga answers it, status, content type and body, for every Accept header', async () => {
    const yoga = gateway([]);
    const written = gateway([useAnswersAsWritten()]);
    for (const accept of ACCEPT_HEADERS) {
      assert.deepEqual(await ask(written, accept), await ask(yoga, accept), `Accept: ${accept}`);
    }
  });

  it('is the subgraph’s bytes, never made a string, where Yoga answers with JSON', async () => {
    serialised = 0;
    const answer = await ask(gateway([useAnswersAsWritten()]), 'application/json');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, WRITTEN);
    assert.equal(serialised, 0);
    await ask(gateway([]), 'application/json');
    assert.equal(serialised, 1, 'without the plugin, Yoga serialises the answer');
  });

  it('is serialised by Yoga where Yoga answers with a stream of events', async () => {
    serialised = 0;
    const answer = await ask(gateway([useAnswersAsWritten()]), 'text/event-stream');
    assert.equal(answer.contentType, 'text/event-stream');
    assert.equal(serialised, 1);
  });

  it('is serialised by Yoga once a plugin added extensions to it', async () => {
    const answer = await ask(gateway([extending, useAnswersAsWritten()]), 'application/json');
    assert.deepEqual(JSON.parse(answer.body.toString('utf8')), {
      data: { hello: 'Zoë 王' },
      extensions: { cost: 1 },
    });
  });
});

describe("the JSON media type of Yoga's answer", () => {
  it('is the one Yoga answers with, wherever Yoga answers with JSON', async () => {
    const yoga = gateway([]);
    let compared = 0;
    for (const accept of ACCEPT_HEADERS) {
      const { contentType } = await ask(yoga, accept);
      if (!contentType?.startsWith('application/')) continue;
      assert.equal(`${jsonMediaTypeFor(accept ?? null)}; charset=utf-8`, contentType, `${accept}`);
      compared += 1;
    }
    assert.ok(compared >= 8, `only ${compared} Accept headers answered with JSON`);
  });

  it('is none when the client takes no JSON', () => {
    assert.equal(jsonMediaTypeFor('text/html'), undefined);
    assert.equal(jsonMediaTypeFor('application/json; charset=iso-8859-1'), undefined);
  });
});
