import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { getMetadataStorage } from 'class-validator';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { GatewayConfig } from '#apps/gateway/gateway.config.js';
import { InspectionConfig } from '#apps/inspection/inspection.config.js';
import { MovementConfig } from '#apps/movement/movement.config.js';
import { REPO_ROOT } from '#tools/paths.js';

/** Every variable a service's configuration validates, as class-validator knows them. */
function variablesOf(config: new () => object): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(config, '', true, false);
  return [...new Set(rules.map((rule) => rule.propertyName))];
}

describe("the README's configuration table", () => {
  it('names every variable a service reads', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const configs = [AccreditationConfig, GatewayConfig, InspectionConfig, MovementConfig];
    const variables = configs.flatMap(variablesOf);
    assert.ok(variables.includes('DATABASE_URL') && variables.includes('CHECK_IN_BATCH'));
    const missing = [...new Set(variables)].filter((name) => !readme.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'variables the README does not list');
  });
});
