import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCustomerAddress, sameAddress } from './read-customer-address.ts';

test('reads phones as typed (no 9th digit added: that is Fio’s job), e-mails lower-cased, ids as digits', () => {
  assert.deepEqual(readCustomerAddress('whatsapp', '+55 11 8765-4321'), { ok: true, address: '+551187654321', kind: 'phone' });
  assert.deepEqual(readCustomerAddress('sms', '+55 (11) 98765-4321'), { ok: true, address: '+5511987654321', kind: 'phone' });
  assert.deepEqual(readCustomerAddress('email', ' Maria.Silva@Example.com '), {
    ok: true,
    address: 'maria.silva@example.com',
    kind: 'email',
  });
  assert.deepEqual(readCustomerAddress('telegram', '781234567'), { ok: true, address: '781234567', kind: 'telegram_user' });
  assert.deepEqual(readCustomerAddress('instagram', '17841400000000001'), {
    ok: true,
    address: '17841400000000001',
    kind: 'instagram_igsid',
  });
});

test('refuses what is not an address on that channel, saying what one looks like', () => {
  const notPhone = readCustomerAddress('voice', 'maria');
  assert.equal(notPhone.ok, false);
  assert.match(notPhone.ok ? '' : notPhone.reason, /phone number such as/);
  assert.equal(readCustomerAddress('sms', '+1 234').ok, false);
  assert.equal(readCustomerAddress('email', 'maria@').ok, false);
  assert.equal(readCustomerAddress('telegram', '@maria').ok, false);
  assert.equal(readCustomerAddress('webchat', 'visitor').ok, false);
});

test('compares provider spellings of one address', () => {
  assert.equal(sameAddress('whatsapp:+5511987654321', '+55 11 98765-4321'), true);
  assert.equal(sameAddress('551187654321', '+5511987654321'), false, 'the 9th digit is a different spelling to a provider');
  assert.equal(sameAddress('Maria@Example.com', 'maria@example.com'), true);
});
