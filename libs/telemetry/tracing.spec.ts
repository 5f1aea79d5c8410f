import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { otlpTracesEndpoint, startTracing } from '#libs/telemetry/tracing.js';

describe('otlpTracesEndpoint', () => {
  it('is the traces endpoint when one is named', () => {
    assert.equal(
      otlpTracesEndpoint({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318',
      }),
      'http://collector:4318/custom',
    );
  });

  it('appends the OTLP traces path to the base endpoint, trailing slash or not', () => {
    assert.equal(
      otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }),
      'http://collector:4318/v1/traces',
    );
    assert.equal(
      otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }),
      'http://collector:4318/v1/traces',
    );
  });

  it('is none when nothing or only blanks are configured', () => {
    assert.equal(otlpTracesEndpoint({}), undefined);
    assert.equal(otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }), undefined);
  });
});

describe('startTracing', () => {
  it('starts nothing without an endpoint', async () => {
    const tracing = startTracing('unit', 'service', {});
    assert.equal(tracing.exporting, false);
    await tracing.shutdown();
  });
});
