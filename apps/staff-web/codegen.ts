import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const apiSchema = path.resolve(root, process.env.STAFF_WEB_SCHEMA ?? 'schema/api.graphql');
const extensions = path.join(here, 'schema-extensions.graphql');
// Once the gateway's schema carries the additions itself, the local copy is not needed.
const hasAdditions = /\bcardDenyList\b/.test(fs.readFileSync(apiSchema, 'utf8'));

const config: CodegenConfig = {
  schema: hasAdditions ? [apiSchema] : [apiSchema, extensions],
  documents: [path.join(here, 'src/**/*.{ts,tsx}'), `!${path.join(here, 'src/gql/**')}`],
  ignoreNoDocuments: true,
  generates: {
    [path.join(here, 'src/gql/')]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { ID: 'string', DateTime: 'string', Date: 'string' },
        skipTypename: false,
      },
    },
  },
};

export default config;
