import type { Command } from 'commander';
import { resolve } from 'node:path';
import { registerWebhook, telegramDefinition, type WebhookInfo } from '@fio/channel-telegram';
import { createChannelCatalog } from '../channels/channel-catalog.ts';
import { loadWorkspaces } from '../workspace-sync.ts';

/** Ports Telegram delivers webhooks to (core.telegram.org/bots/api#setwebhook). */
const telegramWebhookPorts = ['443', '80', '88', '8443'];

export interface TelegramSetWebhookInput {
  /** The workspace folder holding the connection. */
  workspace: string;
  /** The Telegram connection's id in that workspace. */
  connection: string;
  /** Fio's public base URL; FIO_PUBLIC_URL when absent. */
  url?: string;
}

export interface TelegramSetWebhookDeps {
  env: NodeJS.ProcessEnv;
  fetch: typeof fetch;
  print: (line: string) => void;
}

export class TelegramSetWebhookError extends Error {
  override readonly name = 'TelegramSetWebhookError';
}

/**
 * `fio telegram set-webhook`: tells Telegram to deliver the bot's updates to this connection's webhook,
 * with its secret token, one connection at a time (so updates arrive in order), and prints what Telegram
 * then holds (getWebhookInfo). Reads the connection and its secrets through the workspace loader.
 */
export async function runTelegramSetWebhook(input: TelegramSetWebhookInput, deps: TelegramSetWebhookDeps): Promise<WebhookInfo> {
  const [workspace] = await loadWorkspaces([resolve(input.workspace)], createChannelCatalog(), deps.env);
  const channel = workspace?.channels.find((candidate) => candidate.id === input.connection);
  if (!workspace || !channel) {
    const known = workspace?.channels.filter((c) => c.type === 'telegram').map((c) => c.id) ?? [];
    throw new TelegramSetWebhookError(
      `workspace ${input.workspace} has no connection "${input.connection}"${known.length ? ` (Telegram connections: ${known.join(', ')})` : ''}`,
    );
  }
  if (channel.type !== 'telegram') throw new TelegramSetWebhookError(`connection "${channel.id}" is ${channel.type}, not telegram`);
  const config = telegramDefinition.configSchema.parse(channel.config);
  const secrets = telegramDefinition.secretsSchema.parse(channel.secrets);

  const base = input.url ?? deps.env.FIO_PUBLIC_URL;
  if (!base) throw new TelegramSetWebhookError('give Fio’s public base URL with --url or FIO_PUBLIC_URL');
  let publicUrl: URL;
  try {
    publicUrl = new URL(`${base.replace(/\/+$/, '')}/webhooks/telegram/${encodeURIComponent(channel.id)}`);
  } catch {
    throw new TelegramSetWebhookError(`"${base}" is not a URL`);
  }
  const port = publicUrl.port || (publicUrl.protocol === 'https:' ? '443' : '80');
  if (publicUrl.protocol !== 'https:' || !telegramWebhookPorts.includes(port)) {
    deps.print(
      `warning: Telegram only calls HTTPS webhooks on ports ${telegramWebhookPorts.join(', ')}; ${publicUrl.origin} may be refused`,
    );
  }

  const { info } = await registerWebhook({
    apiBaseUrl: config.apiBaseUrl,
    botToken: secrets.botToken,
    webhookSecret: secrets.webhookSecret,
    url: publicUrl.href,
    fetch: deps.fetch,
  });
  deps.print(`webhook set for ${channel.id} (${workspace.id}): ${publicUrl.href}`);
  deps.print(`getWebhookInfo: url ${info.url || '(none)'}`);
  deps.print(`  max_connections ${info.max_connections ?? '?'}, allowed_updates ${(info.allowed_updates ?? ['(all)']).join(', ')}`);
  deps.print(`  pending_update_count ${info.pending_update_count ?? 0}`);
  if (info.last_error_message) {
    const when = info.last_error_date ? ` at ${new Date(info.last_error_date * 1000).toISOString()}` : '';
    deps.print(`  last_error_message${when}: ${info.last_error_message}`);
  }
  return info;
}

/** Adds `telegram set-webhook` to the CLI. */
export function registerTelegramCommands(program: Command): void {
  const telegram = program.command('telegram').description('Telegram Bot API tools');
  telegram
    .command('set-webhook')
    .description('point the bot’s webhook at this Fio (setWebhook with the secret token), then show getWebhookInfo')
    .requiredOption('--workspace <dir>', 'workspace folder holding the connection')
    .requiredOption('--connection <id>', 'the Telegram connection id')
    .option('--url <base>', 'Fio’s public base URL (default: FIO_PUBLIC_URL)')
    .action(async (opts: { workspace: string; connection: string; url?: string }) => {
      try {
        await runTelegramSetWebhook(opts, { env: process.env, fetch, print: (line) => console.log(line) });
      } catch (error) {
        // Expected failures (a refused URL, a bad token, a typo in the id) are one readable line.
        console.error(`fio: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    });
}
