import { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig, ConfigError } from '../config.ts';
import { buildApp } from '../app.ts';
import { openDatabase, migrateToLatest, DatabaseConnectError, MigrationError } from '../storage/index.ts';
import { createChannelCatalog } from '../channels/channel-catalog.ts';
import { loadWorkspaces, WorkspaceLoadError } from '../workspace-sync.ts';
import { SecretBoxError } from '../security/secret-box.ts';
import { printStartBanner } from './start-banner.ts';
import { registerTelegramCommands } from './telegram-set-webhook.ts';

/** `fio` — start the server, run migrations, validate workspaces. Start-up problems print one clear message and exit 1. */
const program = new Command();
program.name('fio').description('Fio: one thread per customer across every channel');

program
  .command('start')
  .description('start Fio (HTTP, WebSocket and workers) with the configured workspaces')
  .action(async () => {
    const config = loadConfig();
    const app = await buildApp(config);
    const address = await app.start();
    printStartBanner(config, address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost'), app.firstRun, app.database.describe);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.http.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      void app.close().then(() => process.exit(0));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply database migrations (SQLite under FIO_DATA_DIR, or DATABASE_URL)')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteSync: config.sqliteSync });
    try {
      const applied = await migrateToLatest(db.db, db.dialect);
      console.log(applied.length ? `applied ${applied.join(', ')} on ${db.describe}` : `${db.describe} is up to date`);
    } finally {
      await db.close();
    }
  });

const workspace = program.command('workspace').description('workspace-as-code tools');
workspace
  .command('validate')
  .argument('<dir...>', 'workspace folders')
  .description('check workspace folders; errors name file, line and field')
  .action(async (dirs: string[]) => {
    const loaded = await loadWorkspaces(
      dirs.map((d) => resolve(d)),
      createChannelCatalog(),
      process.env,
    );
    for (const ws of loaded)
      console.log(`ok  ${ws.id} (${ws.name}): ${ws.channels.length} channel(s), languages ${ws.languages.join(', ')}`);
  });

registerTelegramCommands(program);

const knownStartupErrors = [ConfigError, DatabaseConnectError, MigrationError, WorkspaceLoadError, SecretBoxError];

program.parseAsync(process.argv).catch((err: unknown) => {
  if (knownStartupErrors.some((E) => err instanceof E) && err instanceof Error) {
    console.error(`fio: ${err.message}`);
  } else if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') {
    console.error(`fio: ${err.message}: set PORT to a free port`);
  } else {
    console.error('fio: unexpected start-up failure');
    console.error(err);
  }
  process.exit(1);
});
