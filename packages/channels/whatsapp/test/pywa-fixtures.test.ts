import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir, skipShared } from './fixtures/build-whatsapp-request.ts';
import { message, messages, noEvents, parseBody, refused, status, type Expectation } from './fixtures/expect-events.ts';

// david-lev/pywa's webhook updates (MIT): each file is {case: full webhook body}. Every case has its
// canonical result here; a case added upstream fails the completeness test until it gets one.
const user = '972987654321';
const bsuid = 'US.13491208655302741918';
const parent = 'US.ENT.11815799212886844830';
const testName = {
  address: user,
  displayName: 'Test Name',
  identities: [
    ['whatsapp_bsuid', bsuid],
    ['phone', `+${user}`],
    ['whatsapp_bsuid', parent],
  ] as [string, string][],
};
const media = (mediaType: 'image' | 'video' | 'audio' | 'file', id: string, mimeType: string, more: object = {}) =>
  message({ kind: 'media', mediaType, url: `whatsapp-media:${id}`, mimeType, ...more }, testName);
const unsupported = (placeholder: string, providerKind: string, replyTo?: string) =>
  message({ kind: 'unsupported', placeholder, providerKind }, testName, { replyTo, raw: true });

const expectations: Record<string, Expectation> = {
  'message/text': message({ kind: 'text', text: 'Body Text' }, testName, {
    id: 'wamid.xyzxyz',
    sentAt: '2023-10-11T16:53:43.000Z',
    raw: false,
  }),
  'message/image': media('image', '65463453', 'image/jpeg'),
  'message/media_with_url': media('image', '65463453', 'image/jpeg'),
  'message/video': media('video', '765756756', 'video/mp4', { caption: 'caption' }),
  'message/document': media('file', '1234567890987654321', 'application/pdf', { filename: 'filename.pdf', caption: 'caption' }),
  'message/audio': media('audio', '1234567890987654321', 'audio/ogg; codecs=opus'),
  'message/voice': media('audio', '1234567890987654321', 'audio/ogg; codecs=opus'),
  'message/static_sticker': media('image', '1234567890987654321', 'image/webp'),
  'message/animated_sticker': media('image', '1234567890987654321', 'image/webp'),
  'message/reaction': unsupported('[reaction 😮]', 'reaction', 'wamid.yzxyzx='),
  'message/unreaction_empty': unsupported('[reaction removed]', 'reaction', 'wamid.yzxyzx='),
  'message/unreaction_no_emoji': unsupported('[reaction removed]', 'reaction', 'wamid.yzxyzx='),
  'message/current_location': message({ kind: 'location', latitude: 12.25089, longitude: 43.90539 }, testName),
  'message/chosen_location': message(
    { kind: 'location', latitude: 37.4611978, longitude: -122.2164385, name: 'Facebook HQ', address: '1 Hacker Way, Menlo Park, CA 94025' },
    testName,
  ),
  'message/contacts': (result) => {
    const events = messages(result);
    assert.deepEqual(
      events.map((event) => event.providerMessageId),
      ['wamid.xyzxyz', 'wamid.xyzxyz#2', 'wamid.xyzxyz#3'],
    );
    assert.deepEqual(
      events.map((event) => event.content),
      [
        { kind: 'contact_card', name: 'Chandler Bing', phones: ['+1 555-555-5555'], emails: [] },
        { kind: 'contact_card', name: 'Monica', phones: ['+1 666-666-6666'], emails: [] },
        { kind: 'contact_card', name: 'Rachel Green', phones: ['+1 777-777-7777'], emails: [] },
      ],
    );
    assert.ok(events.every((event) => event.sender.address === user && event.raw !== undefined));
  },
  'message/order': unsupported('[order]', 'order'),
  'message/unsupported': unsupported('[unsupported message]', 'unsupported'),
  'message/unsupported_with_type': unsupported('[unsupported message: pool]', 'pool'),
  'message/reply': message({ kind: 'text', text: 'replied text' }, testName, { replyTo: 'wamid.xyzxyz==' }),
  'message/forwarded': message({ kind: 'text', text: 'forwarded text' }, testName),
  'message/forwarded_many_times': message({ kind: 'text', text: 'text forwarded many times' }, testName),
  'message/interactive_message_with_err': unsupported('[interactive message]', 'interactive', 'wamid.gvwegfretge=='),
  'message/referral': message({ kind: 'text', text: 'BODY' }, testName, { id: 'wamid.ID', raw: true }),

  'callback_button/button': message({ kind: 'text', text: 'title', payload: 'callback_data' }, testName, { replyTo: 'wamid.xyzxyz' }),
  'callback_button/quick_reply': message({ kind: 'text', text: 'title', payload: 'callback_data' }, testName, {
    replyTo: 'wamid.xyzxyz==',
  }),
  'callback_button/quick_reply_without_context': message({ kind: 'text', text: 'title', payload: 'callback_data' }, testName),
  'callback_selection/callback': message({ kind: 'text', text: 'title', payload: 'callback_data' }, testName, { replyTo: 'wamid.xyzxyz' }),
  'callback_selection/description': message({ kind: 'text', text: 'title', payload: 'callback_data' }, testName, {
    replyTo: 'wamid.xyzxyz',
  }),

  'message_status/sent': status('wamid.xyzxyz', 'sent'),
  'message_status/delivered': status('wamid.xyzxyz', 'delivered'),
  'message_status/read': status('wamid.xyzxyz', 'read'),
  // "played" (a voice note listened to) follows "read": nothing further to record.
  'message_status/played': noEvents,
  'message_status/failed': status('wamid.xyzxyz', 'failed', {
    code: '130472',
    message: "User's number is part of an experiment: Failed to send message because this user's phone number is part of an experiment",
  }),
  'message_status/with_tracker': status('wamid.xyzxyz', 'sent'),
  'message_status/group': noEvents,

  // The customer edits: the new version arrives as a message that refers to the original.
  'edited_message/image': message(
    { kind: 'media', mediaType: 'image', url: 'whatsapp-media:1234567890', mimeType: 'image/jpeg', caption: 'Updated image caption' },
    { address: '16505551234', identities: [['phone', '+16505551234']] },
    { replyTo: 'wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=', raw: true },
  ),
  // Meta's documentation placeholders ("<WHATSAPP_USER_PHONE_NUMBER>") name no one to answer.
  'deleted_message/revoke': refused(/from: "<WHATSAPP_USER_PHONE_NUMBER>" is neither a phone number/),
  'flow_completion/completion': message({ kind: 'text', text: 'Sent' }, testName, { replyTo: 'wamid.gvwegfretge==', raw: true }),
  'flow_completion/without_flow_token': message({ kind: 'text', text: 'Sent' }, testName, { replyTo: 'wamid.gvwegfretge==', raw: true }),
  'call_permission_update/accept': unsupported('[call permission: accept]', 'call_permission_reply', 'wamid.y=='),
  'call_permission_update/reject': unsupported('[call permission: reject]', 'call_permission_reply', 'wamid.y=='),
  'system/phone_number_change': message(
    { kind: 'unsupported', placeholder: '[system: User A changed from 972987654321 to 972912345678]', providerKind: 'system' },
    { address: user, identities: [['phone', `+${user}`]] },
    { raw: true },
  ),
  'system/identity_change': message(
    { kind: 'unsupported', placeholder: '[system: User identity changed]', providerKind: 'system' },
    { address: user, displayName: 'User A', identities: [['phone', `+${user}`]] },
    { raw: true },
  ),
  // Fields other than "messages" (calls, echoes of the Business app, account and template news,
  // marketing preferences) are not customer messages: no events, and no refusal that Meta would retry.
  'call_connect/business_initiated': noEvents,
  'call_connect/user_initiated': noEvents,
  'call_status/call_status': noEvents,
  'call_terminate/call_terminate': noEvents,
  'outgoing_message/text': noEvents,
  'outgoing_message/delete': noEvents,
  'outgoing_message/edit': noEvents,
  'template_category_update/marketing': noEvents,
  'template_components_update/element': noEvents,
  'template_quality_update/yellow': noEvents,
  'template_status_update/approved': noEvents,
  'template_status_update/rejected': noEvents,
  'user_marketing_preferences/resume': noEvents,
  'user_marketing_preferences/signup': noEvents,
};
for (const name of [
  'account_deleted',
  'account_restriction',
  'account_violation',
  'ad_account_linked',
  'authentication_international_eligibility',
  'account_disabled',
  'mm_api_for_wa_terms_of_service',
  'partner_added',
  'partner_app_installed',
  'partner_app_uninstalled',
  'partner_led_business_verification_status',
  'partner_removed',
  'partner_removed_wa_app_disconnection',
  'primary_business_location_set',
  'pricing_tiering_update',
  'account_offboarded',
  'account_reconnected',
]) {
  expectations[`account_update/${name}`] = noEvents;
}

function loadCases(): [string, unknown][] {
  const dir = join(sharedFixturesDir, 'pywa');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      return Object.entries(cases).map(([name, body]): [string, unknown] => [`${file.replace(/\.json$/, '')}/${name}`, body]);
    });
}

describe('pywa webhook fixtures', { skip: skipShared }, () => {
  const cases = skipShared ? [] : loadCases();

  test('every case of every file has its canonical result asserted', () => {
    assert.ok(cases.length >= 70, `only ${cases.length} cases found`);
    assert.deepEqual(
      cases.map(([name]) => name).filter((name) => !(name in expectations)),
      [],
    );
  });

  for (const [name, body] of cases) {
    test(`parses ${name}`, () => {
      const expectation = expectations[name];
      assert.ok(expectation, `no expectation for ${name}`);
      expectation(parseBody(body));
    });
  }
});
