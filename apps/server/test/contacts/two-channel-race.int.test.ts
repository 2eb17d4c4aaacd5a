import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createTwilioMessagingEmulator, createWhatsAppEmulator, listenLateEmulator } from '@fio/emulators';
import { writeDemoWorkspaceWith } from '../support/demo-workspace-with.ts';
import { dialects, postgresSkipReason } from '../support/databases.ts';
import { createTestEnvironment, startTestApp } from '../support/test-app.ts';

const accountSid = 'AC3f6e1d2c4b5a69788796a5b4c3d2e1f0';
const authToken = 'race-auth-token-0123456789abcdef';
const appSecret = 'race-meta-app-secret';
const storeNumber = '+551140041234';
const rounds = Number(process.env['RACE_ROUNDS'] ?? 12);

for (const dialect of dialects) {
  describe(`a new customer on two channels at once on ${dialect}`, () => {
    test('WhatsApp (no 9th digit) and SMS (with it) posted in parallel make exactly one contact and one open conversation', async (t) => {
      if (dialect === 'postgres') {
        const why = await postgresSkipReason();
        if (why) return t.skip(why);
      }
      const whatsapp = await listenLateEmulator<ReturnType<typeof createWhatsAppEmulator>>();
      const sms = await listenLateEmulator<ReturnType<typeof createTwilioMessagingEmulator>>();
      const workspaceDir = writeDemoWorkspaceWith(
        'fio-race-ws-',
        `
  - id: race-whatsapp
    type: whatsapp
    name: WhatsApp
    config: { phoneNumberId: '109876543210', apiBaseUrl: '${whatsapp.url}' }
    secrets: { accessToken: race-token, appSecret: ${appSecret}, verifyToken: race-verify }
  - id: race-sms
    type: sms
    name: SMS
    config: { accountSid: ${accountSid}, from: '${storeNumber}', apiBaseUrl: '${sms.url}' }
    secrets: { authToken: ${authToken} }
`,
      );
      const te = await createTestEnvironment(dialect);
      const running = await startTestApp(te, { config: { workspaceDirs: [workspaceDir] } });
      t.after(async () => {
        await running.app.close();
        await Promise.all([whatsapp.close(), sms.close()]);
        await te.cleanup();
        rmSync(workspaceDir, { recursive: true, force: true });
      });
      const wa = createWhatsAppEmulator({
        phoneNumberId: '109876543210',
        accessToken: 'race-token',
        appSecret,
        webhookUrl: `${running.baseUrl}/webhooks/whatsapp/race-whatsapp`,
      });
      whatsapp.set(wa);
      const twilio = createTwilioMessagingEmulator({
        accountSid,
        authToken,
        numbers: [storeNumber],
        webhookUrl: `${running.baseUrl}/webhooks/sms/race-sms`,
        baseUrl: sms.url,
      });
      sms.set(twilio);
      const db = running.app.database.db;

      for (let i = 0; i < rounds; i++) {
        const subscriber = String(87000000 + i * 7919);
        const [viaWhatsApp, viaSms] = await Promise.all([
          wa.customer.sendText({ address: `+55 11 ${subscriber}`, name: `Cliente ${i}` }, `oi ${i}`),
          twilio.customer.sendText({ address: `+55119${subscriber}` }, `olá ${i}`),
        ]);
        assert.equal(viaWhatsApp.status, 200, `round ${i}: WhatsApp`);
        assert.equal(viaSms.status, 200, `round ${i}: SMS`);
        const phone = `+55119${subscriber}`;
        const holders = await db
          .selectFrom('identities')
          .select('contact_id')
          .where('kind', '=', 'phone')
          .where('value', '=', phone)
          .execute();
        assert.equal(holders.length, 1, `round ${i}: one phone identity`);
        const contactId = holders[0]?.contact_id ?? '';
        const conversations = await db.selectFrom('conversations').select(['id', 'status']).where('contact_id', '=', contactId).execute();
        assert.equal(conversations.length, 1, `round ${i}: one conversation`);
        const inbound = await db
          .selectFrom('messages')
          .select(['channel_type', 'text'])
          .where('conversation_id', '=', conversations[0]?.id ?? '')
          .where('direction', '=', 'inbound')
          .execute();
        assert.deepEqual(inbound.map((m) => `${m.channel_type}:${m.text}`).sort(), [`sms:olá ${i}`, `whatsapp:oi ${i}`], `round ${i}`);
      }
      const contacts = await db.selectFrom('contacts').select('id').where('workspace_id', '=', running.workspaceId).execute();
      assert.equal(contacts.length, rounds, 'one contact per customer, never two');

      // A number no country has (it passes the webhook's E.164 pattern): the message is kept, its sender
      // an unverified raw identity that never joins anyone (resolve-and-merge.int.test.ts), never a crash.
      const odd = await twilio.customer.sendText({ address: '+99912345678' }, 'oi');
      assert.equal(odd.status, 200, odd.body);
      const raw = await db.selectFrom('identities').select(['value', 'verified']).where('value', '=', 'raw:+99912345678').execute();
      assert.deepEqual(raw, [{ value: 'raw:+99912345678', verified: 0 }]);
    });
  });
}
