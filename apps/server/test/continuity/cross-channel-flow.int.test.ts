import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactView, ConversationView, ConversationWithSummary, MessageView } from '@fio/contracts';
import { startStoryApp } from '../../src/conversation/stories/start-story-app.ts';
import { eventually, repoRoot } from '../support/test-app.ts';
import { join } from 'node:path';

test('a flow started on WhatsApp is finished by SMS from the same phone; after resolve the next message opens a new conversation that links to the summarised old one', async (t) => {
  // A weekday afternoon in São Paulo, as the demo stories use (the demo store's ETAs count from it).
  const story = await startStoryApp({
    workspaceDir: join(repoRoot, 'workspaces/demo'),
    root: repoRoot,
    workspaceSlug: 'loja-exemplo',
    at: new Date('2026-11-24T14:00:00-03:00'),
  });
  t.after(() => story.close());
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${story.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${story.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const phone = '+5511987654321';

  // 1. WhatsApp: Maria asks where her order is; the order-status flow asks for the number.
  assert.equal((await story.whatsapp.customer.sendText({ address: phone, name: 'Maria Souza' }, 'oi, cadê meu pedido?')).status, 200);
  const ask = await eventually(() => story.whatsapp.delivered[0], 8000, 'the question on WhatsApp');
  assert.match(ask.text, /n[uú]mero do pedido/i);

  // 2. SMS from the same phone: the number answers the slot the WhatsApp turn asked for; the flow completes.
  assert.equal((await story.sms.customer.sendText({ address: phone }, '123456')).status, 200);
  const answer = await eventually(() => story.sms.delivered.find((v) => /QB123456785BR/.test(v.text)), 8000, 'the order status by SMS');
  assert.match(answer.text, /saiu para entrega/i);
  assert.equal(answer.to, phone);

  const contacts = await api<{ data: ContactView[] }>('GET', `/api/v1/contacts?phone=${encodeURIComponent(phone)}`);
  assert.equal(contacts.body.data.length, 1, 'one contact');
  const contactId = contacts.body.data[0]?.id ?? '';
  const conversations = await api<{ data: ConversationView[] }>('GET', `/api/v1/conversations?contactId=${contactId}`);
  assert.equal(conversations.body.data.length, 1, 'one conversation');
  const first = conversations.body.data[0];
  assert.ok(first);
  assert.equal(first.replyChannelType, 'sms');
  const events = await api<{ data: { type: string; payload: Record<string, unknown> }[] }>(
    'GET',
    `/api/v1/conversations/${first.id}/events`,
  );
  const completed = events.body.data.find((e) => e.type === 'flow.completed');
  assert.equal(completed?.payload['flowId'], 'order-status');
  assert.deepEqual((completed?.payload['slots'] as Record<string, unknown>)['order_ref'], { value: '123456', display: '123456' });
  const messages = await api<{ data: MessageView[] }>('GET', `/api/v1/conversations/${first.id}/messages?limit=100`);
  assert.deepEqual(
    messages.body.data.filter((m) => m.direction === 'inbound').map((m) => [m.channelType, m.text]),
    [
      ['whatsapp', 'oi, cadê meu pedido?'],
      ['sms', '123456'],
    ],
  );

  // 3. The agent answers on WhatsApp although she wrote last by SMS (its 24-hour window is still open).
  const options = await api<{ data: { channelType: string; address: string; current: boolean; replyWindow: { open: boolean } }[] }>(
    'GET',
    `/api/v1/conversations/${first.id}/reply-options`,
  );
  const whatsappOption = options.body.data.find((o) => o.channelType === 'whatsapp');
  assert.deepEqual(whatsappOption && [whatsappOption.address, whatsappOption.current, whatsappOption.replyWindow.open], [
    '5511987654321',
    false,
    true,
  ]);
  const viaWhatsapp = await api<{ data: MessageView[] }>('POST', `/api/v1/conversations/${first.id}/messages`, {
    content: { kind: 'text', text: 'Maria, a nota fiscal segue por aqui.' },
    via: { channelType: 'whatsapp' },
  });
  assert.equal(viaWhatsapp.status, 201, JSON.stringify(viaWhatsapp.body));
  const delivered = await eventually(() => story.whatsapp.delivered.find((v) => /nota fiscal/.test(v.text)), 8000, 'the reply on WhatsApp');
  assert.equal(delivered.to, '5511987654321');

  // Consent and reply windows still hold on a picked channel: she opts out of SMS, and a day later
  // WhatsApp's 24-hour window has closed.
  type Options = { data: { channelType: string; replyWindow: { open: boolean }; consent: { status: string } | null }[] };
  const optionOf = async (channelType: string) =>
    (await api<Options>('GET', `/api/v1/conversations/${first.id}/reply-options`)).body.data.find((o) => o.channelType === channelType);
  assert.equal((await story.sms.customer.sendText({ address: phone }, 'PARAR')).status, 200);
  await eventually(async () => (await optionOf('sms'))?.consent?.status === 'withdrawn', 5000, 'the opt-out recorded');
  const text = { kind: 'text', text: 'Maria, mais uma coisa.' };
  const bySms = await api<{ code: string }>('POST', `/api/v1/conversations/${first.id}/messages`, {
    content: text,
    via: { channelType: 'sms' },
  });
  assert.deepEqual([bySms.status, bySms.body.code], [422, 'contact_opted_out']);
  story.clock.advance(25 * 3_600_000);
  assert.equal((await optionOf('whatsapp'))?.replyWindow.open, false);
  const late = await api<{ code: string }>('POST', `/api/v1/conversations/${first.id}/messages`, {
    content: text,
    via: { channelType: 'whatsapp' },
  });
  assert.deepEqual([late.status, late.body.code], [422, 'reply_window_closed']);

  // 4. Resolved: the summary says what she wanted, what the flow found, and where.
  const resolved = await api<{ summary: ConversationWithSummary['summary'] }>('POST', `/api/v1/conversations/${first.id}/resolve`, {
    note: 'rastreio enviado',
  });
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  const summary = resolved.body.summary;
  assert.equal(summary.request.firstMessage, 'oi, cadê meu pedido?');
  assert.ok(summary.request.intents.includes('order_status'), JSON.stringify(summary.request));
  assert.equal(summary.flowsCompleted[0]?.flowId, 'order-status');
  assert.equal(summary.flowsCompleted[0]?.slots['order_ref'], '123456');
  assert.deepEqual(summary.channels, ['whatsapp', 'sms']);
  assert.equal(summary.counts.fromAgents, 1);
  assert.equal(summary.lines.length, 3);
  assert.match(summary.lines[1] ?? '', /^Concluiu order-status \(.*order_ref: 123456/);

  // 5. She writes again by SMS: a new conversation, in Portuguese, and the history shows both.
  assert.equal((await story.sms.customer.sendText({ address: phone }, 'oi de novo')).status, 200);
  const history = await eventually(
    async () => {
      const list = await api<{ data: ConversationWithSummary[] }>('GET', `/api/v1/contacts/${contactId}/conversations`);
      return list.body.data.length === 2 ? list.body.data : undefined;
    },
    5000,
    'the second conversation',
  );
  const [open, old] = history;
  assert.ok(open && old);
  assert.notEqual(open.id, first.id);
  assert.equal(open.status, 'bot');
  assert.equal(open.previousConversationId, first.id);
  assert.equal(open.botState['language'], 'pt-BR');
  assert.equal(old.id, first.id);
  assert.equal(old.status, 'resolved');
  assert.deepEqual(old.summary.flowsCompleted, summary.flowsCompleted);
  assert.equal(old.summary.resolution?.note, 'rastreio enviado');
});
