/**
 * Every GraphQL operation the staff client sends, one file per screen
 * (<screen>.operations.ts); the generated types (src/gql, from `npm run codegen:web`) cover them all.
 */
export * from './session.operations';
export * from './gate.operations';
export * from './arrival.operations';
export * from './accreditation.operations';
export * from './health.operations';
export * from './tracing.operations';
export * from './live.operations';
export * from './admin.operations';
export * from './export.operations';
