// The architecture's import rules, checked by `npm run lint` (dependency-cruiser).
// The `#libs/*`, `#apps/*` ... specifiers point at dist/ through package.json "imports";
// tools/depcruise.webpack.cjs maps them back to the sources so the graph is of the code.
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/|^apps/staff-web/src/gql/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    webpackConfig: { fileName: 'tools/depcruise.webpack.cjs' },
  },
};
