import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import type { ServerFrame } from '@fio/contracts';
import { createContactRepository } from '../../src/contacts/index.ts';
import { createTestEnvironment, eventually, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';
import { connectWidget } from '../support/widget-client.ts';

const secret = 'widget-phone-test-secret-0123456789';
const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('hex');
type Widget = Awaited<ReturnType<typeof connectWidget>>;
const isBotMessage = (f: ServerFrame) => f.type === 'message' && f.message.author === 'bot';

describe('a signed phone in the widget', () => {
  let te: TestEnvironment;
  let running: RunningApp;
  const open: Widget[] = [];
  before(async () => {
    te = await createTestEnvironment('sqlite', { FIO_DEMO_WIDGET_SECRET: secret });
    running = await startTestApp(te);
  });
  after(async () => {
    await Promise.allSettled(open.map((w) => w.close()));
    await running.app.close();
    await te.cleanup();
  });

  const hello = async (identity: Record<string, string>) => {
    const w = await connectWidget(running.wsUrl);
    open.push(w);
    w.send({
      type: 'hello',
      connectionId: 'demo-webchat',
      visitorId: `visitor_${randomBytes(8).toString('hex')}`,
      locale: 'pt-BR',
      identity,
    });
    return { w, answer: await w.waitFor((f) => f.type === 'welcome' || f.type === 'error') };
  };

  test('joins the contact that holds the phone (9th digit or not) and is a verified identity', async () => {
    const ws = running.workspaceId;
    const now = new Date().toISOString();
    const repo = createContactRepository(running.app.database.db, ws);
    const ana = await repo.create({ displayName: 'Ana Lima', phone: '+5511987654321' }, now);
    await repo.addIdentities(ana.id, [{ kind: 'phone', value: '+5511987654321', verified: true }], now);

    // The host signs the number as it knows it: without the 9th digit.
    const phone = '+55 11 8765-4321';
    const { w, answer } = await hello({ userId: 'u-42', phone, name: 'Ana', signature: sign(`u-42::${phone}`) });
    assert.equal(answer.type, 'welcome');
    w.send({ type: 'message', clientMessageId: `client_${randomBytes(8).toString('hex')}`, content: { kind: 'text', text: 'oi' } });
    await w.waitFor(isBotMessage, 8000);
    const conversation = await eventually(
      () => running.app.database.db.selectFrom('conversations').select(['contact_id']).executeTakeFirst(),
      3000,
      'the conversation',
    );
    assert.equal(conversation.contact_id, ana.id);
    const identities = await repo.listIdentities(ana.id);
    assert.ok(identities.some((i) => i.kind === 'external' && i.value === 'u-42' && i.verified));
  });

  test('refuses a phone the signature does not cover, and still accepts a signature without a phone', async () => {
    // A signature valid without a phone does not vouch for one added to it.
    const forged = await hello({ email: 'ana@example.com', phone: '+5511911112222', signature: sign(':ana@example.com') });
    assert.equal(forged.answer.type, 'error');
    assert.ok(forged.answer.type === 'error' && forged.answer.code === 'bad_identity');
    const legacy = await hello({ email: 'ana@example.com', signature: sign(':ana@example.com') });
    assert.equal(legacy.answer.type, 'welcome');
  });
});
