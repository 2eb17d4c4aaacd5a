import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../support/test-app.ts';
import { dialects, postgresSkipReason, type DialectName } from '../support/databases.ts';
import { startIdentityHarness } from './identity-harness.ts';

const maria = { address: 'maria@cliente.example', name: 'Maria Souza' };
const pgSkip = await postgresSkipReason();

describe('verifying an identity with a one-time code', () => {
  for (const dialect of dialects) {
    test(
      `a widget visitor who proves the e-mail of a known customer becomes that customer: one contact, both identities, the chat goes on (${dialect})`,
      { skip: dialect === 'postgres' ? (pgSkip ?? false) : false },
      (t) => widgetVisitorBecomesKnownCustomer(t, dialect),
    );
  }

  test('wrong code, resend, expiry and too many attempts', async (t) => {
    const h = await startIdentityHarness(t);
    const address = 'novo@cliente.example';
    const v = await h.visitor();
    await v.say('já sou cliente');
    let since = h.mailsTo(address);
    await v.say(address);
    const first = await h.codeMailedTo(address, since);
    const wrong = first === '000000' ? '111111' : '000000';

    assert.match(await v.say(wrong), /Código errado, tente de novo/);
    assert.match(await v.say('hmm'), /código que enviei para n\*\*\*@cliente\.example/);

    since = h.mailsTo(address);
    assert.match(await v.say('reenviar'), /novo código/);
    const second = await h.codeMailedTo(address, since);
    // The first code no longer counts once a new one went out.
    if (first !== second) assert.match(await v.say(first), /Código errado/);

    h.advance(11 * 60_000);
    since = h.mailsTo(address);
    assert.match(await v.say(second), /expirou/);
    const third = await h.codeMailedTo(address, since);
    assert.match(await v.say(wrong === third ? '222222' : wrong), /(Código errado|muitas tentativas)/);

    // The flow's maxAttempts (3 wrong codes) gives up and goes to onFail.
    let last = '';
    for (let i = 0; i < 3 && !/Não deu para confirmar/.test(last); i++) last = await v.say(wrong === third ? '333333' : wrong);
    assert.match(last, /Não deu para confirmar/);
    const row = await h.running.app.database.db
      .selectFrom('identity_verifications')
      .select(['status'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.notEqual(row.status, 'verified');
  });

  test('a code for an e-mail nobody has adds the identity without a merge', async (t) => {
    const h = await startIdentityHarness(t);
    const address = 'ninguem@cliente.example';
    const v = await h.visitor();
    assert.match(await v.say('já sou cliente'), /e-mail/);
    const since = h.mailsTo(address);
    assert.match(await v.say(address), /código/);
    const code = await h.codeMailedTo(address, since);
    assert.match(await v.say(code), /Pronto, confirmado/);
    const [conversation] = await h.conversations();
    assert.ok(conversation);
    const contact = await h.contact(conversation.contactId);
    assert.ok(contact.identities.some((i) => i.kind === 'email' && i.value === address && i.verified));
    const merges = await h.running.app.database.db.selectFrom('contact_merges').selectAll().execute();
    assert.equal(merges.length, 0);
  });
});

/** Maria writes by e-mail, later opens the widget as an anonymous visitor and proves her e-mail. */
async function widgetVisitorBecomesKnownCustomer(t: TestContext, dialect: DialectName): Promise<void> {
  const h = await startIdentityHarness(t, dialect);
  // Maria first writes by e-mail (real SMTP on loopback) and is a contact with her e-mail.
  await h.mailbox.customer.sendText(maria, 'Olá, boa tarde!');
  await eventually(() => h.mailsTo(maria.address) > 0, 8000, "the bot's reply by mail");
  const [byMail] = await h.conversations();
  assert.ok(byMail);
  const mariaId = byMail.contactId;

  // Later she opens the widget, anonymous, and runs the identify flow.
  const v = await h.visitor();
  const ask = await v.say('Oi, já sou cliente');
  assert.match(ask, /e-mail/i);
  const visitorContact = await eventually(
    async () => (await h.conversations()).find((c) => c.id !== byMail.id)?.contactId,
    3000,
    'the widget conversation',
  );
  assert.notEqual(visitorContact, mariaId, 'an anonymous visitor starts as a contact of their own');

  const mailsBefore = h.mailsTo(maria.address);
  const sent = await v.say(maria.address);
  assert.match(sent, /m\*\*\*@cliente\.example/, 'the bot says where the code went, masked');
  const code = await h.codeMailedTo(maria.address, mailsBefore);

  const done = await v.say(`o código é ${code}`);
  assert.match(done, /Achei seu cadastro, Maria/);

  // One contact holding both identities; the widget conversation now belongs to it.
  const widgetConversation = await eventually(
    async () => (await h.conversations()).find((c) => c.id !== byMail.id && c.contactId === mariaId),
    3000,
    'the widget conversation under Maria',
  );
  const contact = await h.contact(mariaId);
  const kinds = contact.identities.map((i) => `${i.kind}:${i.value}:${i.verified}`).sort();
  assert.ok(kinds.includes(`email:${maria.address}:true`), JSON.stringify(kinds));
  assert.ok(
    contact.identities.some((i) => i.kind === 'webchat_visitor' && i.value === v.visitorId),
    `the widget identity moved to Maria: ${JSON.stringify(kinds)}`,
  );
  // The visitor's own contact is gone into Maria's: the API answers with (or points to) Maria.
  const merged = await h.api<{ id?: string; mergedInto?: string | null }>(`/api/v1/contacts/${visitorContact}`);
  assert.ok(
    merged.status === 404 || merged.body.mergedInto === mariaId || merged.body.id === mariaId,
    `the visitor contact is merged into Maria: ${merged.status} ${JSON.stringify(merged.body)}`,
  );
  const audit = await h.running.app.database.db.selectFrom('contact_merges').selectAll().executeTakeFirstOrThrow();
  assert.deepEqual([audit.survivor_id, audit.merged_id, audit.actor], [mariaId, visitorContact, 'rule:verified_code']);

  // The widget conversation goes on under her: the next message is answered there.
  const next = await v.say('quais as formas de pagamento?');
  assert.ok(next.length > 0);
  const messages = await h.messages(widgetConversation.id);
  assert.ok(messages.some((m) => m.direction === 'inbound' && m.text === 'quais as formas de pagamento?'));
  // The code itself is nowhere: not in the row (only a MAC), not in a job.
  const db = h.running.app.database.db;
  const rows = await db.selectFrom('identity_verifications').selectAll().execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.status, 'verified');
  assert.notEqual(rows[0]?.code_hash, code);
  const jobs = await db.selectFrom('jobs').select('payload_json').where('queue', '=', 'verification').execute();
  assert.ok(jobs.every((j) => !j.payload_json.includes(code)));
}
