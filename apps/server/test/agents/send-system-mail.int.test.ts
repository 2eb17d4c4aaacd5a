import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyBaseLogger } from 'fastify';
import { enqueueSystemMail } from '../../src/agents/enqueue-system-mail.ts';
import { sendSystemMail, type MailTransport } from '../../src/agents/index.ts';
import { systemMailText } from '../../src/agents/system-mail-text.ts';
import { createJobQueue } from '../../src/jobs/job-queue.ts';
import { openTestDatabase } from '../support/databases.ts';

interface LogLine {
  level: 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string;
}

/** A logger that keeps what it is told (pino's shape, enough for the mail worker). */
function captureLog(lines: LogLine[]): FastifyBaseLogger {
  const log = {
    warn: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'warn', obj, msg }),
    error: (obj: Record<string, unknown>, msg: string) => lines.push({ level: 'error', obj, msg }),
    info: () => undefined,
    debug: () => undefined,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
}

async function setUp(t: Parameters<typeof openTestDatabase>[0]) {
  const at = '2026-11-25T10:00:00.000Z';
  const h = await openTestDatabase(t, 'sqlite', { workspace: { id: 'ws_mail', slug: 'mail', name: 'Mail', at } });
  assert.ok(h);
  const jobs = createJobQueue(h.db, h.dialect, 'node-test', h.transact);
  const link = 'https://fio.example.com/inbox/reset?token=abc123abc123abc123abc123';
  const mail = systemMailText('password_reset', 'pt-BR', { workspaceName: 'Loja', link, inviterName: null });
  await enqueueSystemMail(
    h.db,
    { workspaceId: 'ws_mail', userId: 'usr_1', kind: 'password_reset', to: 'ana@loja.example', mail, link },
    new Date(at),
  );
  return { h, jobs, link, now: new Date(at) };
}

test('logs the link at warn level when no SMTP relay is configured, and finishes the job', async (t) => {
  const { h, jobs, link, now } = await setUp(t);
  const lines: LogLine[] = [];
  const [job] = await jobs.claim('mail', 1, now);
  assert.ok(job);
  await sendSystemMail(
    { transact: h.transact, jobs, transport: null, from: 'Fio <no-reply@fio.local>', clock: () => now, log: captureLog(lines) },
    job,
  );
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.level, 'warn');
  assert.equal(lines[0]?.obj['link'], link);
  assert.equal(lines[0]?.obj['to'], 'ana@loja.example');
  assert.match(lines[0]?.msg ?? '', /FIO_SMTP_URL/);
  assert.equal((await h.db.selectFrom('jobs').select('id').where('queue', '=', 'mail').execute()).length, 0, 'the token is not kept');
});

test('retries a failed send later with backoff, and gives up with the link in the error log', async (t) => {
  const { h, jobs, link, now } = await setUp(t);
  const lines: LogLine[] = [];
  const sent: string[] = [];
  let failing = true;
  const transport: MailTransport = {
    send: async (mail) => {
      if (failing) throw new Error('451 try again later');
      sent.push(mail.to);
    },
    close: () => undefined,
  };
  let clock = now;
  const deps = () => ({
    transact: h.transact,
    jobs,
    transport,
    from: 'Fio <no-reply@fio.local>',
    clock: () => clock,
    log: captureLog(lines),
  });
  const [first] = await jobs.claim('mail', 1, clock);
  assert.ok(first);
  await sendSystemMail(deps(), first);
  const row = await h.db.selectFrom('jobs').select(['status', 'run_at']).where('queue', '=', 'mail').executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.ok(row.run_at > now.toISOString(), 'later, not at once');
  assert.deepEqual((await jobs.claim('mail', 1, clock)).length, 0, 'not before its time');

  failing = false;
  clock = new Date(now.getTime() + 60_000);
  const [second] = await jobs.claim('mail', 1, clock);
  assert.ok(second);
  await sendSystemMail(deps(), second);
  assert.deepEqual(sent, ['ana@loja.example']);

  // A relay that never takes it: after the last attempt the link goes to the error log.
  failing = true;
  await enqueueSystemMail(
    h.db,
    {
      workspaceId: 'ws_mail',
      userId: 'usr_1',
      kind: 'password_reset',
      to: 'ana@loja.example',
      mail: { subject: 's', text: 't' },
      link,
    },
    clock,
  );
  for (let i = 0; i < 10; i++) {
    clock = new Date(clock.getTime() + 10 * 60_000);
    const [job] = await jobs.claim('mail', 1, clock);
    if (!job) break;
    await sendSystemMail(deps(), job);
  }
  const given = lines.find((l) => l.level === 'error');
  assert.equal(given?.obj['link'], link);
  assert.equal((await h.db.selectFrom('jobs').select('id').where('queue', '=', 'mail').execute()).length, 0);
});
