import { startTracing } from '#libs/telemetry/tracing.js';

// Imported first by main.ts: instrumentation must be in place before http and pg are loaded.
startTracing('movement', 'service');
