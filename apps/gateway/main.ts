import 'reflect-metadata';
import { loadConfig } from '#libs/common/config.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { startGateway } from '#apps/gateway/gateway.server.js';

try {
  const gateway = await startGateway(loadConfig(GatewayConfig));
  // The runtime swallows the first signal; make SIGINT and SIGTERM always stop the process.
  const stop = () => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error);
  process.exit(1);
}
