import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './database.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-hot-path-indexes.ts';
import * as m0003 from './migrations/0003-channels.ts';
import * as m0004 from './migrations/0004-early-status-receipts.ts';
import * as m0005 from './migrations/0005-flow-versions.ts';
import * as m0006 from './migrations/0006-one-customer.ts';
import * as m0010 from './migrations/0010-profile.ts';
import * as m0011 from './migrations/0011-engine.ts';
import * as m0013 from './migrations/0013-resolve-indexes.ts';
import * as m0014 from './migrations/0014-match-keys.ts';
import * as m0015 from './migrations/0015-suggestion-queue-index.ts';
import * as m0016 from './migrations/0016-inbox.ts';

/** The one migration set, in order. Each migration receives the dialect for the few portable-type choices. */
export const migrations: Record<string, (db: Kysely<unknown>, dialect: Dialect) => Promise<void>> = {
  '0001-initial': m0001.up,
  '0002-hot-path-indexes': m0002.up,
  '0003-channels': m0003.up,
  '0004-early-status-receipts': m0004.up,
  '0005-flow-versions': m0005.up,
  '0006-one-customer': m0006.up,
  '0010-profile': m0010.up,
  '0011-engine': m0011.up,
  '0013-resolve-indexes': m0013.up,
  '0014-match-keys': m0014.up,
  '0015-suggestion-queue-index': m0015.up,
  '0016-inbox': m0016.up,
};

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, up] of Object.entries(migrations)) out[name] = { up: (db) => up(db, this.dialect) };
    return Promise.resolve(out);
  }
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const why = error instanceof Error ? error.message : error === undefined ? 'unknown error' : JSON.stringify(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${why}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
