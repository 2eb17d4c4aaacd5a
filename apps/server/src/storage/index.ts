// Storage: the database handle (SQLite or PostgreSQL through Kysely), migrations and row types.
// Knows no domain rules: repositories live in the modules that own their tables.
export * from './database.ts';
export * from './migrate.ts';
export * from './ids.ts';
export type * from './schema.ts';
export * from './group-commit.ts';
