import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const apiSchema = path.resolve(root, process.env.STAFF_WEB_SCHEMA ?? 'schema/api.graphql');

const config: CodegenConfig = {
  schema: [apiSchema],
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
