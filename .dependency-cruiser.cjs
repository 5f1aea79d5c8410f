// The architecture's import rules, checked by `npm run lint` (dependency-cruiser).
// The `#libs/*`, `#apps/*` ... specifiers point at dist/ through package.json "imports";
// tools/depcruise.webpack.cjs maps them back to the sources so the graph is of the code.

/**
 * The libraries in layers, each importing only those before it, so no two folders
 * depend on each other: sql (the statements of each schema) at the bottom, then common and
 * telemetry, database and metrics, auth, graphql, audit, the domain libraries, and service
 * (what assembles a service) last. Every layer may import sql (listed with types below).
 */
const LAYERS = {
  sql: [],
  common: [],
  telemetry: [],
  database: ['common'],
  metrics: ['common'],
  auth: ['common', 'database'],
  graphql: ['common', 'auth', 'metrics'],
  audit: ['common', 'auth', 'graphql'],
  accreditation: ['common', 'database', 'auth', 'graphql'],
  inspection: ['common', 'database', 'auth', 'graphql'],
  movement: ['common', 'database', 'auth', 'graphql', 'accreditation'],
};

const layerRules = Object.entries(LAYERS).map(([folder, below]) => ({
  name: `libs-${folder}-layer`,
  comment:
    folder === 'sql'
      ? 'libs/sql imports nothing of ours: every layer uses it.'
      : `libs/${folder} may import only libs/${[folder, ...below, 'sql'].join(', libs/')}.`,
  severity: 'error',
  from: { path: `^libs/${folder}/` },
  to: {
    path: '^libs/',
    pathNot: `^libs/(${[folder, ...(folder === 'sql' ? [] : [...below, 'types', 'sql'])].join('|')})/`,
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A module that imports itself through others cannot be understood or tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-apps',
      comment: 'Libraries are shared by the apps; they never reach into one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      comment: 'Each app is a deployable of its own; what two apps share lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-not-to-tests',
      comment: 'Production code never imports tests or their support.',
      severity: 'error',
      from: {
        path: '^(apps|libs)/',
        pathNot: '(\\.(e2e-|service-|browser-)?spec|\\.test)\\.tsx?$|^apps/staff-web/e2e/',
      },
      to: { path: '(^test/|(\\.(e2e-|service-|browser-)?spec|\\.test)\\.tsx?$)' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/|^apps/staff-web/src/gql/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: 'tools/depcruise.webpack.cjs' },
  },
};
