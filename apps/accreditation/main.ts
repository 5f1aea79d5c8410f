import '#apps/accreditation/tracing.js';
import { bootstrapFromEnvironment } from '#libs/service/bootstrap.js';
import { loadConfig } from '#libs/common/config.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { AccreditationAppModule } from '#apps/accreditation/accreditation.module.js';

// startService accepts JSON bodies up to SUBGRAPH_BODY_LIMIT (20 MB): a 100,000-person
// CSV import is about 12 MB; the gateway keeps the public limits.
const config = loadConfig(AccreditationConfig);
await bootstrapFromEnvironment(AccreditationAppModule.forRoot(config), config);
