import { MIGRATIONS } from '#migrations/index.js';

/** Every migration, oldest first. */
export const ALL_MIGRATIONS = MIGRATIONS;
