import '#apps/gateway/tracing.js';
import 'reflect-metadata';
import { logCrashes } from '#libs/common/crash.js';
import { onStop } from '#libs/common/stop-signals.js';
import { loadConfig } from '#libs/common/config.js';
import { createLogger } from '#libs/common/logger.js';
import { flushTracing } from '#libs/telemetry/tracing.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway } from '#apps/gateway/gateway.server.js';

const logger = createLogger('gateway');
logCrashes(logger);
let gateway: Awaited<ReturnType<typeof startGateway>> | null = null;
// The runtime swallows the first signal; this makes every stop stop the process.
onStop(async () => {
  try {
    await gateway?.close();
  } finally {
    await flushTracing();
  }
});
try {
  gateway = await startGateway(loadConfig(GatewayConfig), logger);
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
