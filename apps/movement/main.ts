import '#apps/movement/tracing.js';
import { bootstrapFromEnvironment } from '#libs/service/bootstrap.js';
import { loadConfig } from '#libs/common/config.js';
import { MovementConfig } from '#apps/movement/movement.config.js';
import { MovementAppModule } from '#apps/movement/movement.module.js';

const config = loadConfig(MovementConfig);
await bootstrapFromEnvironment(MovementAppModule.forRoot(config), config);
