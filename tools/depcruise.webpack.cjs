// Resolution for dependency-cruiser only: the package's "#..." imports resolve to dist/,
// this maps them to the TypeScript sources the lint checks.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const folders = ['libs', 'apps', 'migrations', 'test', 'tools', 'bench'];

module.exports = {
  resolve: {
    alias: Object.fromEntries(folders.map((f) => [`#${f}`, path.join(root, f)])),
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    extensions: ['.ts', '.tsx', '.js', '.json'],
  },
};
