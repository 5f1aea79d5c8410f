import '#apps/gateway/tracing.js';
import 'reflect-metadata';
import { logCrashes } from '#libs/common/crash.js';
import { loadConfig } from '#libs/common/config.js';
import { createLogger } from '#libs/common/logger.js';
import { flushTracing } from '#libs/telemetry/tracing.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway } from '#apps/gateway/gateway.server.js';

const logger = createLogger('gateway');
logCrashes(logger);
try {
  const gateway = await startGateway(loadConfig(GatewayConfig), logger);
  // The runtime swallows the first signal; make SIGINT and SIGTERM always stop the process.
  const stop = () => {
    gateway.close().then(
      () => flushTracing().then(() => process.exit(0)),
      () => flushTracing().then(() => process.exit(1)),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
