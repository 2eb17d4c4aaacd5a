import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import type { RunningReceiver } from '@fio/channel-kit';
import { emailChannel } from '../src/index.ts';
import { buildEmailConnection } from './support/build-email-connection.ts';
import { buildReceiverContext } from './support/receiver-context.ts';
import { dovecotBinary, startDovecot, type RunningDovecot } from './support/start-dovecot.ts';

const skip = dovecotBinary ? false : 'needs Dovecot (apt-get install dovecot-imapd; .ci/run installs it)';

const mail = (id: string, extra: string[] = [], body = 'Quero trocar o tamanho.') =>
  [
    'From: Ana Lima <ana@cliente.example>',
    'To: suporte@loja.example',
    'Subject: Troca',
    `Message-ID: <${id}@cliente.example>`,
    'Date: Tue, 24 Nov 2026 10:00:00 -0300',
    ...extra,
    '',
    body,
    '',
  ].join('\r\n');

describe('IMAP poller against a real Dovecot', { skip }, () => {
  let dovecot: RunningDovecot;
  let customer: ImapFlow;

  before(async () => {
    dovecot = await startDovecot();
    customer = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await customer.connect();
    await customer.mailboxCreate('Processadas');
  });
  after(async () => {
    await customer?.logout();
    await dovecot?.stop();
  });

  const connection = (imap: Record<string, unknown> = {}) =>
    buildEmailConnection(
      1,
      {
        smtpListener: undefined,
        imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: dovecot.user, pollSeconds: 1, ...imap },
      },
      { imapPassword: dovecot.pass },
    );

  async function flagsOf(messageId: string, mailbox = 'INBOX'): Promise<Set<string> | null> {
    const lock = await customer.getMailboxLock(mailbox);
    try {
      const uids = (await customer.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      const uid = uids[0];
      if (uid === undefined) return null;
      const message = await customer.fetchOne(String(uid), { flags: true }, { uid: true });
      return message ? (message.flags ?? new Set()) : null;
    } finally {
      lock.release();
    }
  }

  test('records unseen mail, then flags it \\Seen; auto-replies are recorded marked automated; unreadable mail is marked and left unseen', async () => {
    await customer.append('INBOX', mail('imap-1'));
    await customer.append('INBOX', mail('imap-ooo', ['Auto-Submitted: auto-replied']));
    await customer.append('INBOX', 'Subject: no sender\r\n\r\nhello\r\n');
    await customer.append('INBOX', mail('imap-old'), ['\\Seen']);
    const { ctx, stored, calls } = buildReceiverContext(connection());
    const receiver = await startPoller(ctx);
    try {
      await waitFor(async () => (await flagsOf('<imap-1@cliente.example>'))?.has('\\Seen') === true);
      const event = stored.get('<imap-1@cliente.example>');
      assert.equal(event?.type === 'message' && event.content.kind === 'text' ? event.content.text : '', 'Quero trocar o tamanho.');
      await waitFor(async () => (await flagsOf('<imap-ooo@cliente.example>'))?.has('\\Seen') === true);
      assert.equal(stored.has('<imap-ooo@cliente.example>'), true, 'an auto-reply is recorded (marked automated, never answered)');
      assert.equal(stored.has('<imap-old@cliente.example>'), false, 'mail already seen is not ours to take');
      await waitFor(async () => {
        const lock = await customer.getMailboxLock('INBOX');
        try {
          return ((await customer.search({ keyword: '$FioUnreadable' }, { uid: true })) || []).length > 0;
        } finally {
          lock.release();
        }
      });
      const lock = await customer.getMailboxLock('INBOX');
      try {
        const marked = (await customer.search({ keyword: '$FioUnreadable' }, { uid: true })) || [];
        const unseen = (await customer.search({ seen: false }, { uid: true })) || [];
        assert.equal(marked.length, 1);
        assert.deepEqual(unseen, marked, 'the unreadable mail stays unseen for a person');
      } finally {
        lock.release();
      }
      assert.equal(calls.length, 2, "the customer's mail and the auto-reply");
    } finally {
      await receiver.stop();
    }
  });

  test('leaves a message unseen when recording fails and records it on the next poll, once', async () => {
    const { ctx, stored, calls, state } = buildReceiverContext(connection());
    let failures = 1;
    state.ingestImpl = async () => {
      if (failures-- > 0) throw new Error('database is locked');
    };
    await customer.append('INBOX', mail('imap-retry'));
    const receiver = await startPoller(ctx);
    try {
      await waitFor(() => calls.length >= 1);
      assert.equal((await flagsOf('<imap-retry@cliente.example>'))?.has('\\Seen'), false, 'flagged although not recorded');
      await waitFor(async () => (await flagsOf('<imap-retry@cliente.example>'))?.has('\\Seen') === true, 8000);
      assert.equal(calls.length, 2);
      assert.ok(stored.has('<imap-retry@cliente.example>'));
    } finally {
      await receiver.stop();
    }
  });

  test('wakes on new mail through IDLE, without waiting for the poll interval, and moves it when told to', async () => {
    const { ctx, stored } = buildReceiverContext(connection({ pollSeconds: 600, afterIngest: 'move', moveTo: 'Processadas' }));
    const receiver = await startPoller(ctx);
    try {
      await new Promise((r) => setTimeout(r, 2000)); // past the first poll, into IDLE
      const appendedAt = Date.now();
      await customer.append('INBOX', mail('imap-idle', [], 'Chegou?'));
      await waitFor(() => stored.has('<imap-idle@cliente.example>'), 5000);
      assert.ok(Date.now() - appendedAt < 5000, 'waited for the 600 s poll');
      await waitFor(async () => (await flagsOf('<imap-idle@cliente.example>', 'Processadas'))?.has('\\Seen') === true);
      assert.equal(await flagsOf('<imap-idle@cliente.example>', 'INBOX'), null, 'moved out of the inbox');
    } finally {
      await receiver.stop();
    }
  });

  test('leaves mail over maxMessageBytes in the mailbox, marked and unseen, without downloading it', async () => {
    const { ctx, calls } = buildReceiverContext(connection({ maxMessageBytes: 2048 }));
    await customer.append('INBOX', mail('imap-big', [], 'x'.repeat(4096)));
    await customer.append('INBOX', mail('imap-small'));
    const receiver = await startPoller(ctx);
    try {
      await waitFor(async () => (await flagsOf('<imap-small@cliente.example>'))?.has('\\Seen') === true);
      const big = await flagsOf('<imap-big@cliente.example>');
      assert.equal(big?.has('$FioUnreadable'), true);
      assert.equal(big?.has('\\Seen'), false);
      assert.equal(
        calls.some((c) => c.events[0]?.providerMessageId === '<imap-big@cliente.example>'),
        false,
      );
    } finally {
      await receiver.stop();
    }
  });

  test('reconnects after the server drops the connection', async () => {
    const { ctx, stored } = buildReceiverContext(connection());
    const receiver = await startPoller(ctx);
    try {
      await new Promise((r) => setTimeout(r, 300));
      // Kick every session of the user, the way a server restart or a NAT timeout would.
      await customer.logout();
      await dovecot.kick();
      customer = new ImapFlow({
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.pass },
        logger: false,
      });
      await customer.connect();
      await customer.append('INBOX', mail('imap-after-drop'));
      await waitFor(() => stored.has('<imap-after-drop@cliente.example>'), 10_000);
    } finally {
      await receiver.stop();
    }
  });
});

async function startPoller(ctx: Parameters<NonNullable<typeof emailChannel.startReceiver>>[0]): Promise<RunningReceiver> {
  const start = emailChannel.startReceiver;
  assert.ok(start);
  return start(ctx);
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
