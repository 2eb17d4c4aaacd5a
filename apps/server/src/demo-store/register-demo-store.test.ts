import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Fastify from 'fastify';
import { createHttpActionRunner, selectJsonPath } from '../conversation/actions/index.ts';
import { demoStoreErrorCodes, registerDemoStore } from './register-demo-store.ts';

// Tuesday 24 Nov 2026, 14:00 in São Paulo.
const tuesdayAfternoon = new Date('2026-11-24T14:00:00-03:00');
const token = 'demo-store-token';
const auth = { authorization: `Bearer ${token}` };

async function buildStore(at: Date = tuesdayAfternoon, storeToken = token) {
  const app = Fastify();
  registerDemoStore(app, { token: storeToken, clock: () => at });
  await app.ready();
  return app;
}

test('refuses requests without the bearer token, with a wrong one, or when no token is configured', async () => {
  const app = await buildStore();
  assert.equal((await app.inject({ url: '/demo-store/api/orders/123456' })).statusCode, 401);
  const wrong = await app.inject({ url: '/demo-store/api/orders/123456', headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(wrong.json(), { error: 'unauthorized' });
  assert.equal(wrong.headers['www-authenticate'], 'Bearer');
  const open = await buildStore(tuesdayAfternoon, '');
  for (const authorization of ['Bearer ', 'Bearer x', 'Bearer'])
    assert.equal((await open.inject({ url: '/demo-store/api/orders/123456', headers: { authorization } })).statusCode, 401);
});

test('finds a shipped order by number with its ETA relative to the clock, in three languages', async () => {
  const app = await buildStore();
  const response = await app.inject({ url: '/demo-store/api/orders/123456', headers: auth });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), {
    number: '123456',
    status: 'shipped',
    statusLabel: { 'pt-BR': 'Enviado', en: 'Shipped', es: 'Enviado' },
    placedAt: '2026-11-20T20:00:00-03:00',
    total: { amount: 389.8, currency: 'BRL' },
    items: [
      { name: 'Tênis de corrida Veloz 42', quantity: 1 },
      { name: 'Meia esportiva (kit 3 pares)', quantity: 1 },
    ],
    carrier: 'Correios',
    trackingCode: 'QB123456785BR',
    eta: '2026-11-27',
    etaLabel: { 'pt-BR': 'sexta-feira, 27/11', en: 'Friday, Nov 27', es: 'viernes, 27/11' },
    customer: { name: 'Ana Paula Souza', cpf: '52998224725' },
  });
});

test('moves ETAs with the clock and skips Sundays', async () => {
  const app = await buildStore(new Date('2026-11-26T09:00:00-03:00'));
  const order = (await app.inject({ url: '/demo-store/api/orders/123456', headers: auth })).json();
  // Thursday + 3 days is Sunday 29/11: the carrier delivers on Monday.
  assert.equal(order.eta, '2026-11-30');
  assert.equal(order.etaLabel['pt-BR'], 'segunda-feira, 30/11');
});

test("accepts '#123456' and a formatted CPF, which gives the customer's most recent order", async () => {
  const app = await buildStore();
  const hash = await app.inject({ url: '/demo-store/api/orders/%23123456', headers: auth });
  assert.equal(hash.statusCode, 200);
  const byCpf = await app.inject({ url: '/demo-store/api/orders/529.982.247-25', headers: auth });
  assert.equal(byCpf.statusCode, 200);
  assert.equal(byCpf.json().number, '123456');
  const bruno = await app.inject({ url: '/demo-store/api/orders/39053344705', headers: auth });
  assert.equal(bruno.json().number, '234567');
});

test('answers 404 for unknown orders and CPFs with wrong check digits, 400 for nonsense', async () => {
  const app = await buildStore();
  for (const ref of ['999999', '52998224726', '63087192422']) {
    const response = await app.inject({ url: `/demo-store/api/orders/${ref}`, headers: auth });
    assert.equal(response.statusCode, 404, ref);
    assert.deepEqual(response.json(), { error: 'not_found' });
  }
  const nonsense = await app.inject({ url: '/demo-store/api/orders/abc', headers: auth });
  assert.equal(nonsense.statusCode, 400);
});

test('cancels an order not yet shipped, refuses a shipped one, and remembers the cancellation', async () => {
  const app = await buildStore();
  const cancelled = await app.inject({ method: 'POST', url: '/demo-store/api/orders/234567/cancel', headers: auth });
  assert.equal(cancelled.statusCode, 200);
  assert.deepEqual(cancelled.json(), { number: '234567', status: 'cancelled' });
  const after = (await app.inject({ url: '/demo-store/api/orders/234567', headers: auth })).json();
  assert.equal(after.status, 'cancelled');
  assert.equal(after.eta, undefined);
  const shipped = await app.inject({ method: 'POST', url: '/demo-store/api/orders/123456/cancel', headers: auth });
  assert.equal(shipped.statusCode, 409);
  assert.deepEqual(shipped.json(), { error: 'already_shipped' });
  const delivered = await app.inject({ method: 'POST', url: '/demo-store/api/orders/456789/cancel', headers: auth });
  assert.equal(delivered.statusCode, 409);
  const missing = await app.inject({ method: 'POST', url: '/demo-store/api/orders/000000/cancel', headers: auth });
  assert.equal(missing.statusCode, 404);
  const other = await buildStore();
  const fresh = (await other.inject({ url: '/demo-store/api/orders/234567', headers: auth })).json();
  assert.equal(fresh.status, 'processing', 'each registration has its own state');
});

test('looks up a CEP with or without the dash, 404 when unknown, 400 when malformed', async () => {
  const app = await buildStore();
  for (const cep of ['01310-100', '01310100']) {
    const response = await app.inject({ url: `/demo-store/api/cep/${cep}`, headers: auth });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      cep: '01310-100',
      street: 'Avenida Paulista',
      district: 'Bela Vista',
      city: 'São Paulo',
      state: 'SP',
    });
  }
  assert.equal((await app.inject({ url: '/demo-store/api/cep/99999-999', headers: auth })).statusCode, 404);
  const bad = await app.inject({ url: '/demo-store/api/cep/123', headers: auth });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json(), { error: 'invalid_cep' });
});

test("changes a customer's address from a CEP and a number", async () => {
  const app = await buildStore();
  const response = await app.inject({
    method: 'PUT',
    url: '/demo-store/api/customers/529.982.247-25/address',
    headers: auth,
    payload: { cep: '22410-003', number: '1200', complement: 'apto 52' },
  });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json(), {
    cpf: '52998224725',
    address: {
      cep: '22410-003',
      street: 'Rua Visconde de Pirajá',
      number: '1200',
      complement: 'apto 52',
      district: 'Ipanema',
      city: 'Rio de Janeiro',
      state: 'RJ',
    },
  });
  const put = (cpf: string, payload: object) =>
    app.inject({ method: 'PUT', url: `/demo-store/api/customers/${cpf}/address`, headers: auth, payload });
  assert.equal((await put('63087192422', { cep: '01310100', number: 10 })).statusCode, 404);
  const invalidCpf = await put('12345678900', { cep: '01310100', number: '10' });
  assert.deepEqual([invalidCpf.statusCode, invalidCpf.json()], [400, { error: 'invalid_cpf' }]);
  const unknownCep = await put('52998224725', { cep: '99999999', number: '10' });
  assert.deepEqual([unknownCep.statusCode, unknownCep.json()], [400, { error: 'unknown_cep' }]);
  const noNumber = await put('52998224725', { cep: '01310100' });
  assert.deepEqual([noNumber.statusCode, noNumber.json()], [400, { error: 'invalid_body', fields: ['number'] }]);
});

test('lists free hourly slots of the next three open days, without past or booked ones', async () => {
  const app = await buildStore();
  const response = await app.inject({ url: '/demo-store/api/appointments/slots', headers: auth });
  assert.equal(response.statusCode, 200);
  const slots: { id: string; start: string; label: string; labels: Record<string, string> }[] = response.json().slots;
  assert.deepEqual(
    slots.map((slot) => slot.id),
    [
      // Tuesday after 14:00 (13:00 was booked anyway).
      '2026-11-24T15:00',
      '2026-11-24T16:00',
      // Wednesday: 14:00 already booked.
      '2026-11-25T10:00',
      '2026-11-25T11:00',
      '2026-11-25T12:00',
      '2026-11-25T13:00',
      '2026-11-25T15:00',
      '2026-11-25T16:00',
      // Thursday: 15:00 already booked.
      '2026-11-26T10:00',
      '2026-11-26T11:00',
      '2026-11-26T12:00',
      '2026-11-26T13:00',
      '2026-11-26T14:00',
      '2026-11-26T16:00',
    ],
  );
  assert.deepEqual(slots[0], {
    id: '2026-11-24T15:00',
    start: '2026-11-24T15:00:00-03:00',
    label: 'ter 24/11 às 15:00',
    labels: { 'pt-BR': 'ter 24/11 às 15:00', en: 'Tue, Nov 24 at 15:00', es: 'mar 24/11 a las 15:00' },
  });
});

test('lists one day on request: Saturday mornings only, nothing on Sunday, 400 for a bad date', async () => {
  const app = await buildStore();
  const slotsOf = async (date: string) =>
    (await app.inject({ url: `/demo-store/api/appointments/slots?date=${date}`, headers: auth })).json();
  assert.deepEqual(
    (await slotsOf('2026-11-27')).slots.map((slot: { label: string }) => slot.label),
    ['sex 27/11 às 10:00', 'sex 27/11 às 11:00', 'sex 27/11 às 12:00', 'sex 27/11 às 13:00', 'sex 27/11 às 14:00', 'sex 27/11 às 15:00'],
  );
  assert.deepEqual(
    (await slotsOf('2026-11-28')).slots.map((slot: { id: string }) => slot.id),
    ['2026-11-28T11:00'],
  );
  assert.deepEqual((await slotsOf('2026-11-29')).slots, []);
  assert.deepEqual((await slotsOf('2026-11-01')).slots, [], 'the past has no free slots');
  for (const bad of ['2026-02-30', 'amanha', '27/11/2026']) {
    const response = await app.inject({ url: `/demo-store/api/appointments/slots?date=${bad}`, headers: auth });
    assert.deepEqual([response.statusCode, response.json()], [400, { error: 'invalid_date' }], bad);
  }
});

test('books a free slot once; the slot then disappears and a second booking is refused', async () => {
  const app = await buildStore();
  const book = (slotId: string) =>
    app.inject({
      method: 'POST',
      url: '/demo-store/api/appointments',
      headers: auth,
      payload: { slotId, name: 'Ana', phone: '+5511987654321' },
    });
  const first = await book('2026-11-25T10:00');
  assert.equal(first.statusCode, 201);
  assert.deepEqual(first.json(), {
    id: 'AG-1001',
    slotId: '2026-11-25T10:00',
    label: 'qua 25/11 às 10:00',
    labels: { 'pt-BR': 'qua 25/11 às 10:00', en: 'Wed, Nov 25 at 10:00', es: 'mié 25/11 a las 10:00' },
  });
  const again = await book('2026-11-25T10:00');
  assert.deepEqual([again.statusCode, again.json()], [409, { error: 'slot_taken' }]);
  const seeded = await book('2026-11-25T14:00');
  assert.equal(seeded.statusCode, 409);
  const day = (await app.inject({ url: '/demo-store/api/appointments/slots?date=2026-11-25', headers: auth })).json();
  assert.ok(!day.slots.some((slot: { id: string }) => slot.id === '2026-11-25T10:00'));
  for (const invalid of ['2026-11-24T10:00', '2026-11-29T10:00', '2026-11-25T18:00', 'tomorrow']) {
    const response = await book(invalid);
    assert.deepEqual([response.statusCode, response.json()], [400, { error: 'invalid_slot' }], invalid);
  }
  const noBody = await app.inject({ method: 'POST', url: '/demo-store/api/appointments', headers: auth, payload: {} });
  assert.deepEqual([noBody.statusCode, noBody.json()], [400, { error: 'invalid_body', fields: ['slotId'] }]);
});

test('serves a flow call end to end: the action runner reads an order over real HTTP', async () => {
  const app = await buildStore();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const runner = createHttpActionRunner({ policy: { allowPrivate: ['127.0.0.1/32'] } });
    const result = await runner.run({
      method: 'GET',
      url: `${address}/demo-store/api/orders/123456`,
      headers: auth,
      timeoutMs: 4000,
      retries: 0,
    });
    assert.equal(result.ok, true);
    if (result.ok) {
      assert.equal(selectJsonPath(result.json, '$.status'), 'shipped');
      assert.equal(selectJsonPath(result.json, "$.etaLabel['pt-BR']"), 'sexta-feira, 27/11');
      assert.deepEqual(selectJsonPath(result.json, '$.items[*].name'), ['Tênis de corrida Veloz 42', 'Meia esportiva (kit 3 pares)']);
    }
    const missing = await runner.run({
      method: 'GET',
      url: `${address}/demo-store/api/orders/999999`,
      headers: auth,
      timeoutMs: 4000,
      retries: 1,
    });
    assert.deepEqual(missing, { ok: false, code: 'bad_status', status: 404, message: 'the service answered 404' });
  } finally {
    await app.close();
  }
});

test('documents every error code in README.md', () => {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  for (const code of demoStoreErrorCodes) assert.ok(readme.includes(`\`${code}\``), `README.md lacks \`${code}\``);
});
