import '#apps/inspection/tracing.js';
import { bootstrapFromEnvironment } from '#libs/service/bootstrap.js';
import { loadConfig } from '#libs/common/config.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';
import { InspectionAppModule } from '#apps/inspection/inspection.module.js';

const config = loadConfig(InspectionConfig);
await bootstrapFromEnvironment(InspectionAppModule.forRoot(config), config);
