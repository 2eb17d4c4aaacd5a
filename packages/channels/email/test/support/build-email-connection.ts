import type { ConnectionContext } from '@fio/channel-kit';
import { emailConfigSchema, type EmailConfig, type EmailSecrets } from '../../src/definition.ts';

/** A connection of Loja Exemplo's support address, its relay on `smtpPort`; override any config field. */
export function buildEmailConnection(
  smtpPort: number,
  overrides: Record<string, unknown> = {},
  secrets: EmailSecrets = {},
): ConnectionContext<EmailConfig, EmailSecrets> {
  const config = emailConfigSchema.parse({
    address: 'suporte@loja.example',
    name: 'Loja Exemplo',
    locale: 'pt-BR',
    timeZone: 'America/Sao_Paulo',
    smtpListener: { host: '127.0.0.1', port: 0 },
    smtp: { host: '127.0.0.1', port: smtpPort, timeoutMs: 5000 },
    ...overrides,
  });
  return { connectionId: 'conn_email', workspaceId: 'ws_1', config, secrets };
}
