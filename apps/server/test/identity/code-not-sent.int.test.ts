import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '../support/test-app.ts';
import { startIdentityHarness } from './identity-harness.ts';

describe('a one-time code that cannot be sent', () => {
  test('the mail relay refuses it: the customer hears so on the next message and the flow goes to onFail', async (t) => {
    const h = await startIdentityHarness(t);
    const db = h.running.app.database.db;
    const v = await h.visitor();
    await v.say('já sou cliente');
    h.mailbox.failNext(1, 550);
    assert.match(await v.say('recusado@cliente.example'), /código/);
    await eventually(
      async () => (await db.selectFrom('identity_verifications').select('status').executeTakeFirst())?.status === 'failed',
      8000,
      'the code given up',
    );
    const next = await v.say('e aí, chegou?');
    assert.match(next, /Não consegui enviar o código para r\*\*\*@cliente\.example/);
    assert.match(next, /Não deu para confirmar/);
    // Nothing of the code is left behind: the sending job is gone, not buried with the code in it.
    assert.equal((await db.selectFrom('jobs').selectAll().where('queue', '=', 'verification').execute()).length, 0);
  });

  test('a phone code with no SMS or WhatsApp connection is not sent', async (t) => {
    const h = await startIdentityHarness(t);
    const v = await h.visitor();
    await v.say('já sou cliente');
    assert.match(await v.say('11 98765-4321'), /\+55 11 9\*\*\*\*-4321/);
    const db = h.running.app.database.db;
    await eventually(
      async () => (await db.selectFrom('identity_verifications').select('status').executeTakeFirst())?.status === 'failed',
      8000,
      'the code given up',
    );
    assert.match(await v.say('123456'), /Não consegui enviar o código/);
  });

  test('a contact gets at most 3 codes an hour: the fourth is refused and the customer is told', async (t) => {
    const h = await startIdentityHarness(t);
    const address = 'spam@cliente.example';
    const v = await h.visitor();
    await v.say('já sou cliente');
    let since = h.mailsTo(address);
    await v.say(address);
    await h.codeMailedTo(address, since);
    for (let i = 0; i < 2; i++) {
      since = h.mailsTo(address);
      assert.match(await v.say('reenviar'), /novo código/);
      await h.codeMailedTo(address, since);
    }
    await v.say('reenviar');
    const db = h.running.app.database.db;
    const latest = await db
      .selectFrom('identity_verifications')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(latest.status, 'failed');
    assert.equal(latest.code_hash, '');
    assert.match(await v.say('cadê?'), /Não consegui enviar o código/);
    assert.equal(h.mailsTo(address), 3);
  });
});
