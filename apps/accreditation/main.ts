import { bootstrapFromEnvironment } from '#libs/common/bootstrap.js';
import { loadConfig } from '#libs/common/config.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { AccreditationAppModule } from '#apps/accreditation/accreditation.module.js';

const config = loadConfig(AccreditationConfig);
await bootstrapFromEnvironment(AccreditationAppModule.forRoot(config), config);
