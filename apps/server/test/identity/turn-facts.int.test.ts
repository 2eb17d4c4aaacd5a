import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../support/test-app.ts';
import { startIdentityHarness } from './identity-harness.ts';

const maria = { address: 'maria@cliente.example', name: 'Maria Souza' };

describe('what a bot turn records about the contact', () => {
  test('an e-mail typed in chat that another contact holds makes a merge suggestion, never a merge', async (t) => {
    const h = await startIdentityHarness(t);
    await h.mailbox.customer.sendText(maria, 'Olá, boa tarde!');
    await eventually(() => h.mailsTo(maria.address) > 0, 8000, "the bot's reply by mail");
    const [byMail] = await h.conversations();
    assert.ok(byMail);

    const v = await h.visitor();
    await v.say(`vocês podem mandar a segunda via do boleto para ${maria.address}?`);
    const visitorId = await eventually(
      async () => (await h.conversations()).find((c) => c.id !== byMail.id)?.contactId,
      3000,
      'the widget conversation',
    );
    const db = h.running.app.database.db;
    const suggestion = await eventually(
      () => db.selectFrom('merge_suggestions').selectAll().where('status', '=', 'open').executeTakeFirst(),
      3000,
      'a merge suggestion',
    );
    assert.deepEqual([suggestion.contact_id, suggestion.candidate_id].sort(), [visitorId, byMail.contactId].sort());
    assert.match(suggestion.reasons_json, /typed_email/);
    assert.equal((await db.selectFrom('contact_merges').selectAll().execute()).length, 0);
    const visitor = await h.contact(visitorId);
    assert.ok(!visitor.identities.some((i) => i.kind === 'email'), 'the typed e-mail is not linked to the visitor');
  });

  test('an e-mail typed in chat that nobody holds becomes an unverified identity of the contact', async (t) => {
    const h = await startIdentityHarness(t);
    const v = await h.visitor();
    await v.say('vocês podem mandar a segunda via do boleto para livre@cliente.example?');
    const [conversation] = await h.conversations();
    assert.ok(conversation);
    const contact = await eventually(
      async () => {
        const c = await h.contact(conversation.contactId);
        return c.identities.some((i) => i.kind === 'email') ? c : undefined;
      },
      3000,
      'the typed e-mail on the contact',
    );
    const email = contact.identities.find((i) => i.kind === 'email');
    assert.equal(email?.value, 'livre@cliente.example');
    assert.equal(email?.verified, false);
  });

  test('acting intents go on the timeline, segments reach flow branches, and a lead flow captures a lead', async (t) => {
    const h = await startIdentityHarness(t);
    const db = h.running.app.database.db;

    // A customer who asked about prices is in asked-for-price; the quote flow's branch sees it.
    const asker = await h.visitor();
    await asker.say('quanto custa esse tênis?');
    const [conversation] = await h.conversations();
    assert.ok(conversation);
    const activity = await eventually(
      () =>
        db
          .selectFrom('contact_activities')
          .selectAll()
          .where('contact_id', '=', conversation.contactId)
          .where('kind', '=', 'intent')
          .executeTakeFirst(),
      3000,
      'the intent on the timeline',
    );
    assert.equal(activity.name, 'price_info');
    assert.equal(activity.source, 'bot');
    const properties = JSON.parse(activity.properties_json) as Record<string, unknown>;
    assert.equal(properties['channelType'], 'webchat');
    assert.equal(properties['language'], 'pt-BR');
    assert.ok(typeof properties['confidence'] === 'number' && properties['confidence'] > 0);
    const membership = await db
      .selectFrom('segment_memberships')
      .selectAll()
      .where('contact_id', '=', conversation.contactId)
      .where('segment_id', '=', 'asked-for-price')
      .executeTakeFirst();
    assert.ok(membership, 'the recorded intent put the contact in asked-for-price');

    await asker.say('quero um orçamento');
    await asker.say('tênis de corrida');
    await asker.say('20');
    const end = await asker.say('compras@empresa.example');
    assert.match(end, /promoções da semana/);
    assert.match(end, /Anotado! 20 × tênis de corrida/);
    const lead = await eventually(
      () => db.selectFrom('events').selectAll().where('type', '=', 'lead.captured').executeTakeFirst(),
      3000,
      'the lead.captured event',
    );
    const payload = JSON.parse(lead.payload_json) as {
      contactId: string;
      conversationId: string;
      flowId: string;
      slots: Record<string, { value: unknown }>;
    };
    assert.equal(payload.flowId, 'request-quote');
    assert.equal(payload.contactId, conversation.contactId);
    assert.equal(payload.conversationId, conversation.id);
    assert.deepEqual(Object.keys(payload.slots).sort(), ['email', 'product', 'quantity']);
    assert.equal(payload.slots['email']?.value, 'compras@empresa.example');

    // The flow's later turns (product, quantity, e-mail) recognise no new intent: they add nothing to the timeline.
    const intents = await db
      .selectFrom('contact_activities')
      .select('name')
      .where('contact_id', '=', conversation.contactId)
      .where('kind', '=', 'intent')
      .execute();
    assert.ok(intents.length <= 2, JSON.stringify(intents));

    // Someone who never asked about prices goes through the same flow without the deals line.
    const other = await h.visitor();
    await other.say('quero um orçamento');
    await other.say('mochila');
    await other.say('5');
    const plain = await other.say('rh@empresa.example');
    assert.doesNotMatch(plain, /promoções da semana/);
    assert.match(plain, /Anotado! 5 × mochila/);
  });
});
