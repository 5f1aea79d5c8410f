import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const config: CodegenConfig = {
  schema: [path.join(root, 'schema/api.graphql'), path.join(here, 'schema-extensions.graphql')],
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
