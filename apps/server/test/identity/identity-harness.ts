import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { emailChannel } from '@fio/channel-email';
import type { ContactView, ConversationView, MessageView, ServerFrame } from '@fio/contracts';
import { createMailboxEmulator, type MailboxEmulator } from '../../../../packages/emulators/src/mailbox/index.ts';
import { emailConnectionYaml, writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { createTestEnvironment, repoRoot, startTestApp, type RunningApp } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';
import type { DialectName } from '../support/databases.ts';

export const business = 'suporte@loja.example';

type MessageFrame = Extract<ServerFrame, { type: 'message' }>;
type Widget = Awaited<ReturnType<typeof connectWidget>>;
const isBotMessage = (f: ServerFrame): f is MessageFrame => f.type === 'message' && f.message.author === 'bot';

export interface IdentityHarness {
  running: RunningApp;
  mailbox: MailboxEmulator;
  /** Moves the app's clock forward (codes expire after 10 minutes). */
  advance(ms: number): void;
  /** An anonymous widget visitor: `say` sends a text and resolves with the bot's reply (all its parts). */
  visitor(): Promise<{ widget: Widget; visitorId: string; say(text: string): Promise<string> }>;
  /** The one-time code in the latest mail sent to `address` after `since` mails. */
  codeMailedTo(address: string, since: number): Promise<string>;
  mailsTo(address: string): number;
  api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  contact(id: string): Promise<ContactView>;
  conversations(): Promise<ConversationView[]>;
  messages(conversationId: string): Promise<MessageView[]>;
}

/** The demo workspace with the widget and one e-mail connection (Fio's SMTP listener, replies relayed to the mailbox emulator). */
export async function startIdentityHarness(t: TestContext, dialect: DialectName = 'sqlite'): Promise<IdentityHarness> {
  const mailbox = createMailboxEmulator({ businessAddress: business, firstSubject: 'Meu pedido' });
  const relay = await mailbox.listen();
  const workspaceDir = writeDemoWorkspaceWith(
    'fio-identity-ws-',
    `
  - id: demo-webchat
    type: webchat
    name: Site
    config:
      title: Loja Exemplo
      allowedOrigins: ['*']
    secrets:
      identitySecret: identity-test-widget-secret-0123456789
${emailConnectionYaml('email-loja', business, relay.port)}`,
  );
  // The demo's segments too: flows branch on them (asked-for-price).
  copyFileSync(join(repoRoot, 'workspaces/demo/segments.yaml'), join(workspaceDir, 'segments.yaml'));
  const te = await createTestEnvironment(dialect);
  let offset = 0;
  const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] }, clock: () => new Date(Date.now() + offset) });
  const widgets: Widget[] = [];
  t.after(async () => {
    await Promise.allSettled(widgets.map((w) => w.close()));
    await running.app.close();
    emailChannel.closeConnections();
    await mailbox.close();
    await te.cleanup();
    rmSync(workspaceDir, { recursive: true, force: true });
  });
  const listener = running.app.receiverAddresses().find((r) => r.connectionId === 'email-loja');
  assert.ok(listener, 'the e-mail connection has no SMTP listener running');
  mailbox.setFioSmtp(listener);

  const api = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${running.adminToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const mailsTo = (address: string) => mailbox.delivered.filter((v) => v.to === address).length;

  return {
    running,
    mailbox,
    advance: (ms) => void (offset += ms),
    async visitor() {
      const widget = await connectWidget(running.wsUrl);
      widgets.push(widget);
      const visitorId = `visitor_${randomBytes(8).toString('hex')}`;
      widget.send({ type: 'hello', connectionId: 'demo-webchat', visitorId, locale: 'pt-BR' });
      await widget.waitFor((f) => f.type === 'welcome');
      return {
        widget,
        visitorId,
        async say(text: string) {
          widget.frames.splice(0);
          widget.send({ type: 'message', clientMessageId: `client_${randomBytes(8).toString('hex')}`, content: { kind: 'text', text } });
          const first = await widget.waitFor(isBotMessage, 8000);
          // A reply may come in parts: collect those that follow closely.
          const parts = [first.message.text];
          for (;;) {
            const more = await widget.waitFor(isBotMessage, 400).catch(() => null);
            if (!more) break;
            parts.push(more.message.text);
          }
          return parts.join('\n');
        },
      };
    },
    async codeMailedTo(address, since) {
      const until = Date.now() + 8000;
      for (;;) {
        const mails = mailbox.delivered.filter((v) => v.to === address).slice(since);
        const code = mails.map((m) => /código Loja Exemplo: (\d{6})/.exec(m.text)?.[1]).find((c) => c !== undefined);
        if (code) return code;
        if (Date.now() > until) {
          const rows = await running.app.database.db.selectFrom('identity_verifications').select(['status', 'value']).execute();
          throw new Error(`no code mailed to ${address}; got ${JSON.stringify(mails.map((m) => m.text))}; codes ${JSON.stringify(rows)}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    mailsTo,
    api,
    contact: async (id) => (await api<ContactView>(`/api/v1/contacts/${id}`)).body,
    conversations: async () => (await api<{ data: ConversationView[] }>('/api/v1/conversations')).body.data,
    messages: async (conversationId) => (await api<{ data: MessageView[] }>(`/api/v1/conversations/${conversationId}/messages`)).body.data,
  };
}
