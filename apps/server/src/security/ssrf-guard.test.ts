import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOutboundUrl, type ResolvedAddress } from './ssrf-guard.ts';

const none = { allowPrivate: [] };
const resolveTo =
  (...addresses: string[]) =>
  async (): Promise<ResolvedAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

test('allows a host whose every address is public', async () => {
  const check = await checkOutboundUrl('https://api.example.com/orders?x=1', none, resolveTo('93.184.216.34'));
  assert.equal(check.ok, true);
  if (check.ok) {
    assert.deepEqual(check.addresses, [{ address: '93.184.216.34', family: 4 }]);
    assert.equal(check.url.hostname, 'api.example.com');
  }
});

test('allows public IPv6 addresses', async () => {
  const check = await checkOutboundUrl('https://v6.example/', none, resolveTo('2606:4700::1111'));
  assert.equal(check.ok, true);
  assert.equal((await checkOutboundUrl('https://[2606:4700::1111]:8443/x', none)).ok, true);
});

test('blocks private, loopback, link-local, CGNAT, unspecified, multicast and metadata IPv4 literals', async () => {
  for (const host of [
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.10',
    '127.0.0.1',
    '169.254.10.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '169.254.169.254',
  ]) {
    const check = await checkOutboundUrl(`http://${host}/`, none);
    assert.equal(check.ok, false, host);
    if (!check.ok) assert.equal(check.code, 'blocked', host);
  }
});

test('blocks IPv6 loopback, unique-local, link-local, unspecified, multicast, and tunnels or mappings of private IPv4', async () => {
  for (const host of [
    '[::1]',
    '[fd12::1]',
    '[fe80::1]',
    '[::]',
    '[::ffff:127.0.0.1]',
    '[::ffff:10.0.0.1]',
    '[::127.0.0.1]',
    '[64:ff9b::7f00:1]',
    '[2002:7f00:1::]',
    '[ff02::1]',
  ]) {
    const check = await checkOutboundUrl(`http://${host}:8080/x`, none);
    assert.equal(check.ok, false, host);
    if (!check.ok) assert.equal(check.code, 'blocked', host);
  }
});

test('normalises obfuscated IPv4 forms before judging them', async () => {
  for (const url of ['http://0x7f000001/', 'http://2130706433/', 'http://127.1/', 'http://0177.0.0.1/']) {
    const check = await checkOutboundUrl(url, none);
    assert.equal(check.ok, false, url);
  }
});

test('blocks a host when any one of its addresses is private', async () => {
  const check = await checkOutboundUrl('https://mixed.example/', none, resolveTo('93.184.216.34', '10.0.0.5'));
  assert.equal(check.ok, false);
  if (!check.ok) {
    assert.equal(check.code, 'blocked');
    assert.match(check.message, /10\.0\.0\.5/);
  }
});

test('allows private addresses covered by an allowPrivate CIDR, bare address or host name', async () => {
  assert.equal((await checkOutboundUrl('http://127.0.0.1:3000/', { allowPrivate: ['127.0.0.1/32'] })).ok, true);
  assert.equal((await checkOutboundUrl('http://[::1]:3000/', { allowPrivate: ['::1/128'] })).ok, true);
  assert.equal((await checkOutboundUrl('http://10.9.8.7/', { allowPrivate: ['10.0.0.0/8'] })).ok, true);
  assert.equal((await checkOutboundUrl('http://192.168.0.2/', { allowPrivate: ['192.168.0.2'] })).ok, true);
  assert.equal((await checkOutboundUrl('http://ERP.local/', { allowPrivate: ['erp.local'] }, resolveTo('192.168.5.5'))).ok, true);
  assert.equal((await checkOutboundUrl('http://crm.corp/', { allowPrivate: ['*.corp'] }, resolveTo('10.1.1.1'))).ok, true);
  assert.equal((await checkOutboundUrl('http://10.9.8.7/', { allowPrivate: ['192.168.0.0/16'] })).ok, false);
  assert.equal((await checkOutboundUrl('http://other.local/', { allowPrivate: ['erp.local'] }, resolveTo('192.168.5.5'))).ok, false);
});

test('keeps the metadata address closed under a broad allowance, open only when named exactly', async () => {
  assert.equal((await checkOutboundUrl('http://169.254.169.254/', { allowPrivate: ['169.254.0.0/16'] })).ok, false);
  assert.equal((await checkOutboundUrl('http://169.254.169.254/', { allowPrivate: ['0.0.0.0/0'] })).ok, false);
  assert.equal((await checkOutboundUrl('http://169.254.169.254/', { allowPrivate: ['169.254.169.254/32'] })).ok, true);
  assert.equal((await checkOutboundUrl('http://169.254.1.1/', { allowPrivate: ['169.254.0.0/16'] })).ok, true);
});

test('refuses non-http protocols, credentials in the URL and garbage as invalid_url', async () => {
  for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'https://user:pw@example.com/', 'not a url', '']) {
    const check = await checkOutboundUrl(url, none, resolveTo('93.184.216.34'));
    assert.equal(check.ok, false, url);
    if (!check.ok) assert.equal(check.code, 'invalid_url', url);
  }
});

test('reports a host that does not resolve as unresolvable', async () => {
  const failing = async (): Promise<ResolvedAddress[]> => {
    throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  };
  const check = await checkOutboundUrl('https://nowhere.invalid/', none, failing);
  assert.equal(check.ok, false);
  if (!check.ok) {
    assert.equal(check.code, 'unresolvable');
    assert.match(check.message, /ENOTFOUND/);
  }
  const empty = await checkOutboundUrl('https://empty.example/', none, resolveTo());
  assert.equal(empty.ok ? 'ok' : empty.code, 'unresolvable');
});

test('resolves localhost with the system resolver and blocks it', async () => {
  const check = await checkOutboundUrl('http://localhost:9/', none);
  assert.equal(check.ok, false);
  if (!check.ok) assert.equal(check.code, 'blocked');
});
