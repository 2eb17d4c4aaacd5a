import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboxConversationDetail, MessageTemplateView } from '@fio/contracts';
import { eventually } from '../support/test-app.ts';
import { startConversationScreenHarness, waPhoneNumberId, type ConversationScreenHarness } from './conversation-screen-harness.ts';

// WhatsApp's 24-hour window against the Graph emulator: the composer's templates, a free-text reply
// refused once the window closed, and an approved template that goes out all the same.
const phone = '+5511976543210';
let h: ConversationScreenHarness;
let conversationId: string;

const templateRequests = () => h.whatsapp.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/message_templates'));

before(async () => {
  h = await startConversationScreenHarness('sqlite');
  const answer = await h.whatsapp.customer.sendText({ address: phone, name: 'Rita Alves' }, 'oi');
  assert.equal(answer.status, 200, answer.body);
  conversationId = (JSON.parse(answer.body) as { messages: { conversationId: string }[] }).messages[0]?.conversationId ?? '';
  await eventually(() => h.whatsapp.delivered.length > 0, 8000, 'the bot greets');
});
after(async () => {
  await h?.close();
});

test("lists the reply connection's approved templates through Graph, cached per connection", async () => {
  const first = await h.call('GET', `/api/v1/conversations/${conversationId}/templates`, h.admin());
  assert.equal(first.status, 200, JSON.stringify(first.json));
  const templates = first.json.data as MessageTemplateView[];
  assert.deepEqual(
    templates.map((t) => [t.name, t.language, t.parameterCount]),
    [
      ['retomar_atendimento', 'pt-BR', 1],
      ['pedido_atualizacao', 'pt-BR', 3],
      ['order_update', 'en-US', 2],
    ],
  );
  assert.equal(templateRequests().length, 1);
  assert.match(templateRequests()[0]?.path ?? '', new RegExp(`/v21\\.0/${waPhoneNumberId}/message_templates$`));
  await h.call('GET', `/api/v1/conversations/${conversationId}/templates`, h.admin());
  assert.equal(templateRequests().length, 1, 'the second screen is served from the cache');
});

test('answers no templates for a channel without them', async () => {
  const apiConversation = await h.apiCustomerSays({ id: 'no-templates-user' }, 'oi');
  const res = await h.call('GET', `/api/v1/conversations/${apiConversation}/templates`, h.admin());
  assert.deepEqual([res.status, res.json], [200, { data: [] }]);
});

test('refuses free text once the 24-hour window closed and sends an approved template instead', async () => {
  const open = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, h.admin())).json as InboxConversationDetail;
  assert.equal(open.replyWindow.open, true);
  assert.equal(open.replyWindow.templates, true);
  assert.ok(open.replyWindow.closesAt);

  h.advance(25 * 3_600_000);
  const closed = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, h.admin())).json as InboxConversationDetail;
  assert.equal(closed.replyWindow.open, false);
  assert.equal(closed.replyWindow.templates, true);
  assert.equal(closed.replyWindow.closesAt, null);
  assert.match(closed.replyWindow.reason ?? '', /25 hours ago/);

  const text = await h.call('POST', `/api/v1/conversations/${conversationId}/replies`, h.admin(), {
    content: { kind: 'text', text: 'Oi Rita, tudo certo?' },
  });
  assert.equal(text.status, 422);
  assert.equal(text.json.code, 'reply_window_closed');

  const sentBefore = h.whatsapp.delivered.length;
  const template = await h.call('POST', `/api/v1/conversations/${conversationId}/replies`, h.admin(), {
    content: {
      kind: 'template',
      name: 'retomar_atendimento',
      language: 'pt-BR',
      parameters: ['Rita'],
      fallbackText: 'Olá Rita, aqui é da Loja Exemplo. Podemos continuar o seu atendimento? Responda esta mensagem.',
    },
  });
  assert.equal(template.status, 201, JSON.stringify(template.json));
  assert.equal(template.json.data[0].content.kind, 'template');
  await eventually(() => h.whatsapp.delivered.length > sentBefore, 8000, 'the template reaches WhatsApp');
  const request = h.whatsapp.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).at(-1);
  const body = JSON.parse(request?.body.toString('utf8') ?? '{}') as { type: string; template: unknown };
  assert.deepEqual(body.template, {
    name: 'retomar_atendimento',
    language: { code: 'pt_BR' },
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'Rita' }] }],
  });
  await eventually(
    async () => {
      const detail = (await h.call('GET', `/api/v1/inbox/conversations/${conversationId}`, h.admin())).json as InboxConversationDetail;
      return detail.messages.find((m) => m.id === template.json.data[0].id && m.status === 'sent');
    },
    8000,
    'the template shown as sent',
  );
});
