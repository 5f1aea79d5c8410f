import { startTracing } from '#libs/telemetry/tracing.js';

// Imported first by main.ts: instrumentation must be in place before http is loaded.
startTracing('gateway', 'gateway');
