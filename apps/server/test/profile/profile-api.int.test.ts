import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContactView, TimelineItemView } from '@fio/contracts';
import { createApiToken } from '../../src/security/bootstrap-admin.ts';
import { createTestEnvironment, startTestApp, type RunningApp, type TestEnvironment } from '../support/test-app.ts';

interface Answer<T> {
  status: number;
  body: T;
  text: string;
}
interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}
interface EventResult {
  index: number;
  status: 'recorded' | 'duplicate' | 'error';
  activityId?: string;
  contactId?: string;
  error?: { code: string; message: string };
}
interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: Array<{ row: number; field: string; code: string; message: string }>;
  dryRun: boolean;
}

describe('the 360° profile API on sqlite', () => {
  let te: TestEnvironment;
  let running: RunningApp;
  let otherToken: string;
  let editorToken: string;

  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token = running.adminToken,
    type = 'application/json',
  ): Promise<Answer<T>> => {
    const res = await fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text };
  };
  const create = async (body: Record<string, unknown>) => {
    const res = await call<ContactView>('POST', '/api/v1/contacts', body);
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const contactEvents = (contactId: string, type: string) =>
    running.app.database.db
      .selectFrom('events')
      .select(['payload_json'])
      .where('contact_id', '=', contactId)
      .where('type', '=', type)
      .orderBy('id')
      .execute();
  const fieldMeta = async (contactId: string) => {
    const row = await running.app.database.db
      .selectFrom('contacts')
      .select('field_meta_json')
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.field_meta_json ?? '{}') as Record<string, { at: string; source: string }>;
  };

  before(async () => {
    te = await createTestEnvironment('sqlite');
    running = await startTestApp(te);
    const now = new Date().toISOString();
    const db = running.app.database.db;
    await db
      .insertInto('workspaces')
      .values({ id: 'ws_other_profile', slug: 'other-profile', name: 'Other', settings_json: '{}', created_at: now, updated_at: now })
      .execute();
    otherToken = await createApiToken(db, 'ws_other_profile', 'other', 'admin', now);
    editorToken = await createApiToken(db, running.workspaceId, 'editor', 'bot_editor', now);
  });
  after(async () => {
    await running.app.close();
    await te.cleanup();
  });

  test('PATCH checks every typed field and lists every bad one in one 400', async () => {
    const ana = await create({ displayName: 'Ana Souza', email: 'ana.patch@example.com' });
    const res = await call<ApiError>('PATCH', `/api/v1/contacts/${ana.id}`, {
      email: 'not-an-email',
      attributes: {
        birthday: '1990-02-30',
        state: 'XX',
        marketing_opt_in: 'maybe',
        plan: 'gold',
        customer_since: 'yesterday',
        cpf: 12345,
        shoe_size: 40,
      },
    });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.code, 'validation_failed');
    const fields = (res.body.details as Array<{ field: string; code: string }>).map((d) => d.field).sort();
    assert.deepEqual(fields, [
      'attributes.birthday',
      'attributes.cpf',
      'attributes.customer_since',
      'attributes.marketing_opt_in',
      'attributes.plan',
      'attributes.shoe_size',
      'attributes.state',
      'email',
    ]);
    const unknown = (res.body.details as Array<{ field: string; code: string }>).find((d) => d.field === 'attributes.shoe_size');
    assert.equal(unknown?.code, 'unknown_field');
    // Nothing of a refused PATCH is written.
    const after = await call<ContactView>('GET', `/api/v1/contacts/${ana.id}`);
    assert.deepEqual(after.body.attributes, {});
    assert.equal(after.body.email, 'ana.patch@example.com');
  });

  test('PATCH coerces good values, merges attributes key by key, null deletes, and stamps only what changed', async () => {
    const bia = await create({ displayName: 'Bia Lima' });
    const first = await call<ContactView>('PATCH', `/api/v1/contacts/${bia.id}`, {
      attributes: { city: ' Campinas ', state: 'SP', birthday: '1991-07-04', marketing_opt_in: 'sim', plan: 'plus' },
    });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.attributes, {
      city: 'Campinas',
      state: 'SP',
      birthday: '1991-07-04',
      marketing_opt_in: true,
      plan: 'plus',
    });
    const meta = await fieldMeta(bia.id);
    assert.match(meta['attributes.city']?.source ?? '', /^token:tok_/);
    assert.equal((await contactEvents(bia.id, 'contact.updated')).length, 1);

    // The same values again: nothing changes, so no event and no new stamp.
    const again = await call<ContactView>('PATCH', `/api/v1/contacts/${bia.id}`, { attributes: { city: 'Campinas', plan: 'plus' } });
    assert.equal(again.status, 200, again.text);
    assert.equal((await contactEvents(bia.id, 'contact.updated')).length, 1);
    assert.deepEqual(await fieldMeta(bia.id), meta);

    const third = await call<ContactView>('PATCH', `/api/v1/contacts/${bia.id}`, { attributes: { plan: null, city: 'Sorocaba' } });
    assert.deepEqual(third.body.attributes, { city: 'Sorocaba', state: 'SP', birthday: '1991-07-04', marketing_opt_in: true });
    const updates = await contactEvents(bia.id, 'contact.updated');
    assert.equal(updates.length, 2);
    assert.deepEqual((JSON.parse(updates[1]?.payload_json ?? '{}') as { fields: string[] }).fields.sort(), [
      'attributes.city',
      'attributes.plan',
    ]);
  });

  test('a new e-mail via PATCH becomes an identity; one another contact holds becomes a merge suggestion, never a move', async () => {
    const caio = await create({ displayName: 'Caio', email: 'caio@example.com' });
    const dani = await create({ displayName: 'Dani' });
    const own = await call<ContactView>('PATCH', `/api/v1/contacts/${dani.id}`, { phone: '+55 11 98888-1234', verified: true });
    assert.equal(own.status, 200, own.text);
    assert.deepEqual(
      own.body.identities.map((i) => [i.kind, i.value, i.verified, i.source]),
      [['phone', '+5511988881234', true, 'api']],
    );
    const taken = await call<ContactView>('PATCH', `/api/v1/contacts/${dani.id}`, { email: 'CAIO@example.com' });
    assert.equal(taken.status, 200, taken.text);
    assert.equal(taken.body.email, 'caio@example.com');
    assert.ok(!taken.body.identities.some((i) => i.kind === 'email'), 'the e-mail stays an identity of Caio');
    const caioNow = await call<ContactView>('GET', `/api/v1/contacts/${caio.id}`);
    assert.ok(caioNow.body.identities.some((i) => i.kind === 'email' && i.value === 'caio@example.com'));
    const suggestions = await running.app.database.db
      .selectFrom('merge_suggestions')
      .select(['contact_id', 'candidate_id', 'status'])
      .where('contact_id', '=', dani.id)
      .execute();
    assert.deepEqual(suggestions, [{ contact_id: dani.id, candidate_id: caio.id, status: 'open' }]);
  });

  test('POST refuses an e-mail another contact holds with 409 identity_taken naming it', async () => {
    const eva = await create({ displayName: 'Eva', email: 'eva@example.com', tags: ['vip'], attributes: { city: 'Recife' } });
    assert.deepEqual(eva.tags, ['vip']);
    assert.equal(eva.identities[0]?.source, 'api');
    const res = await call<ApiError>('POST', '/api/v1/contacts', { displayName: 'Eva 2', email: ' Eva@Example.com ' });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.body.code, 'identity_taken');
    assert.equal((res.body.details as { contactId: string }).contactId, eva.id);
  });

  test('tags are trimmed, added and removed; a tag over 64 characters is refused', async () => {
    const fabi = await create({ displayName: 'Fabi', tags: ['cliente'] });
    const res = await call<ContactView>('POST', `/api/v1/contacts/${fabi.id}/tags`, {
      add: ['  vip ', 'atacado', 'vip'],
      remove: ['cliente'],
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.tags, ['vip', 'atacado']);
    const updated = await contactEvents(fabi.id, 'contact.updated');
    assert.deepEqual(JSON.parse(updated.at(-1)?.payload_json ?? '{}'), {
      fields: ['tags'],
      source: (await fieldMeta(fabi.id))['tags']?.source,
    });
    const tooLong = await call<ApiError>('POST', `/api/v1/contacts/${fabi.id}/tags`, { add: ['x'.repeat(65)] });
    assert.equal(tooLong.status, 400, tooLong.text);
    assert.equal(tooLong.body.code, 'validation_failed');
    const listed = await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?tag=atacado');
    assert.deepEqual(
      listed.body.data.map((c) => c.id),
      [fabi.id],
    );
    const byPrefix = await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?q=fab');
    assert.deepEqual(
      byPrefix.body.data.map((c) => c.id),
      [fabi.id],
    );
  });

  test('a bot editor reads contacts but may not change them', async () => {
    const gil = await create({ displayName: 'Gil' });
    assert.equal((await call('GET', `/api/v1/contacts/${gil.id}`, undefined, editorToken)).status, 200);
    const res = await call<ApiError>('PATCH', `/api/v1/contacts/${gil.id}`, { displayName: 'Gilberto' }, editorToken);
    assert.equal(res.status, 403, res.text);
  });

  test('business events: idempotent by id, a bad item never blocks the others, unknown e-mails become contacts, segments follow', async () => {
    const hugo = await create({ displayName: 'Hugo', email: 'hugo@example.com' });
    const batch = await call<{ results: EventResult[] }>('POST', '/api/v1/events', {
      events: [
        {
          id: 'ord-1',
          name: 'order_placed',
          contact: { email: 'hugo@example.com' },
          properties: { total: 120.5 },
          occurredAt: '2026-01-01T10:00:00Z',
        },
        { name: 'Order Placed!', contact: { email: 'hugo@example.com' } },
        { id: 'ord-2', name: 'order_placed', contact: { id: hugo.id }, properties: { total: 80 } },
        { name: 'cart.abandoned', contact: { id: 'ct_nobody' } },
        { id: 'ord-9', name: 'order_placed', contact: { email: 'Nova.Cliente@Example.com', phone: '+55 21 99876-5432' } },
      ],
    });
    assert.equal(batch.status, 202, batch.text);
    const [ok1, bad, ok2, missing, created] = batch.body.results;
    assert.equal(ok1?.status, 'recorded');
    assert.equal(ok1?.contactId, hugo.id);
    assert.equal(bad?.status, 'error');
    assert.equal(bad?.error?.code, 'validation_failed');
    assert.equal(ok2?.status, 'recorded');
    assert.equal(missing?.status, 'error');
    assert.equal(missing?.error?.code, 'contact_not_found');
    assert.equal(created?.status, 'recorded');

    const repeat = await call<{ results: EventResult[] }>('POST', '/api/v1/events', {
      id: 'ord-1',
      name: 'order_placed',
      contact: { email: 'hugo@example.com' },
    });
    assert.equal(repeat.status, 202, repeat.text);
    assert.deepEqual(repeat.body.results, [{ index: 0, status: 'duplicate', activityId: ok1?.activityId, contactId: hugo.id }]);
    const rows = await running.app.database.db.selectFrom('contact_activities').select('id').where('external_id', '=', 'ord-1').execute();
    assert.equal(rows.length, 1);

    // Two orders: the demo's "returning customers" segment now holds Hugo.
    const hugoNow = await call<ContactView>('GET', `/api/v1/contacts/${hugo.id}`);
    assert.ok(hugoNow.body.segments?.includes('returning-customers'), `segments: ${JSON.stringify(hugoNow.body.segments)}`);
    const bySegment = await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?segment=returning-customers');
    assert.deepEqual(
      bySegment.body.data.map((c) => c.id),
      [hugo.id],
    );

    const newcomer = await call<ContactView>('GET', `/api/v1/contacts/${created?.contactId ?? ''}`);
    assert.equal(newcomer.status, 200, newcomer.text);
    assert.deepEqual(newcomer.body.identities.map((i) => [i.kind, i.value, i.verified, i.source]).sort(), [
      ['email', 'nova.cliente@example.com', true, 'api'],
      ['phone', '+5521998765432', true, 'api'],
    ]);
    assert.equal((await contactEvents(hugo.id, 'contact.activity_recorded')).length, 2);
  });

  test('events: a body of more than 100 events or of properties over 16 KiB is refused item by item or whole', async () => {
    const many = await call<ApiError>('POST', '/api/v1/events', {
      events: Array.from({ length: 101 }, () => ({ name: 'x', contact: { email: 'a@example.com' } })),
    });
    assert.equal(many.status, 400, many.text);
    const big = await call<{ results: EventResult[] }>('POST', '/api/v1/events', {
      name: 'page_viewed',
      contact: { email: 'big@example.com' },
      properties: { blob: 'x'.repeat(17 * 1024) },
    });
    assert.equal(big.status, 202, big.text);
    assert.equal(big.body.results[0]?.status, 'error');
  });

  test('the timeline is one stream, newest first, paged without gaps or repeats, filtered by kind', async () => {
    const ines = await create({ displayName: 'Inês', email: 'ines@example.com' });
    const times = ['2026-02-01T10:00:00.000Z', '2026-02-03T10:00:00.000Z', '2026-02-02T10:00:00.000Z', '2026-02-03T10:00:00.000Z'];
    const res = await call<{ results: EventResult[] }>('POST', '/api/v1/events', {
      events: times.map((occurredAt, i) => ({
        name: i % 2 ? 'cart_updated' : 'page_viewed',
        contact: { id: ines.id },
        occurredAt,
        properties: { i },
      })),
    });
    assert.ok(
      res.body.results.every((r) => r.status === 'recorded'),
      res.text,
    );
    const seen: TimelineItemView[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<{ data: TimelineItemView[]; nextCursor: string | null }> = await call(
        'GET',
        `/api/v1/contacts/${ines.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(page.status, 200, page.text);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen.map((i) => i.id)).size, seen.length, 'no item twice');
    const ats = seen.map((i) => i.at);
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
    const events = seen.filter((i) => i.kind === 'event');
    assert.equal(events.length, 4);
    // Two events at the same instant: the later-recorded first, both present.
    assert.deepEqual(
      events.slice(0, 2).map((e) => e.data['i']),
      [3, 1],
    );
    assert.ok(
      seen.some((i) => i.kind === 'identity' || i.kind === 'segment'),
      JSON.stringify(seen.map((i) => i.name)),
    );
    const onlyEvents = await call<{ data: TimelineItemView[] }>('GET', `/api/v1/contacts/${ines.id}/timeline?kinds=event`);
    assert.ok(onlyEvents.body.data.every((i) => i.kind === 'event'));
    assert.equal(onlyEvents.body.data.length, 4);
    const badKind = await call<ApiError>('GET', `/api/v1/contacts/${ines.id}/timeline?kinds=event,gossip`);
    assert.equal(badKind.status, 400, badKind.text);
  });

  test('a contact of another workspace is 404 everywhere', async () => {
    const jo = await create({ displayName: 'Jo' });
    for (const [method, path, body] of [
      ['GET', `/api/v1/contacts/${jo.id}`, undefined],
      ['PATCH', `/api/v1/contacts/${jo.id}`, { displayName: 'x' }],
      ['POST', `/api/v1/contacts/${jo.id}/tags`, { add: ['x'] }],
      ['GET', `/api/v1/contacts/${jo.id}/timeline`, undefined],
    ] as const) {
      const res = await call<ApiError>(method, path, body, otherToken);
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      assert.equal(res.body.code, 'contact_not_found');
    }
    const event = await call<{ results: EventResult[] }>('POST', '/api/v1/events', { name: 'x', contact: { id: jo.id } }, otherToken);
    assert.equal(event.body.results[0]?.error?.code, 'contact_not_found');
    const list = await call<{ data: ContactView[] }>('GET', '/api/v1/contacts', undefined, otherToken);
    assert.deepEqual(list.body.data, []);
    const csv = await fetch(`${running.baseUrl}/api/v1/contacts/export.csv`, { headers: { authorization: `Bearer ${otherToken}` } });
    assert.equal((await csv.text()).trim().split('\n').length, 1, 'only the header');
  });

  test('CSV import: per-row errors skip only their rows, a dry run writes nothing, an unknown column refuses the file', async () => {
    const csv = [
      'name;email;phone;tags;city;state;birthday;attributes.marketing_opt_in',
      'Karla;karla@example.com;+55 11 97777-0001;vip;Santos;SP;1988-05-01;sim',
      'Lia;not-an-email;;;Natal;RN;;',
      'Max;max@example.com;;a;Belém;ZZ;1990-13-01;talvez',
      'Nina;nina@example.com;;;;;;',
    ].join('\n');
    const dry = await call<ImportSummary>('POST', '/api/v1/contacts/import?dryRun=true', csv, running.adminToken, 'text/csv');
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(
      { ...dry.body, errors: dry.body.errors.length },
      { created: 2, updated: 0, unchanged: 0, skipped: 2, errors: 4, dryRun: true },
    );
    assert.equal((await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?email=karla@example.com')).body.data.length, 0);

    const real = await call<ImportSummary>('POST', '/api/v1/contacts/import', csv, running.adminToken, 'text/csv');
    assert.equal(real.status, 200, real.text);
    assert.equal(real.body.created, 2);
    assert.deepEqual(
      real.body.errors.map((e) => [e.row, e.field, e.code]),
      [
        [3, 'email', 'invalid_value'],
        [4, 'attributes.state', 'invalid_value'],
        [4, 'attributes.birthday', 'invalid_value'],
        [4, 'attributes.marketing_opt_in', 'invalid_value'],
      ],
    );
    const karla = (await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?email=karla@example.com')).body.data[0];
    assert.deepEqual(karla?.attributes, { city: 'Santos', state: 'SP', birthday: '1988-05-01', marketing_opt_in: true });
    assert.equal(karla?.phone, '+5511977770001');
    assert.deepEqual(karla?.tags, ['vip']);

    const again = await call<ImportSummary>(
      'POST',
      '/api/v1/contacts/import',
      'email,city\nkarla@example.com,Guarujá\n',
      running.adminToken,
      'text/csv',
    );
    assert.deepEqual(
      { ...again.body, errors: again.body.errors.length },
      { created: 0, updated: 1, unchanged: 0, skipped: 0, errors: 0, dryRun: false },
    );

    const unknown = await call<ApiError>('POST', '/api/v1/contacts/import', 'name,shoe_size\nOlga,38\n', running.adminToken, 'text/csv');
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.code, 'invalid_csv');
    assert.deepEqual(
      (unknown.body.details as Array<{ field: string }>).map((d) => d.field),
      ['shoe_size'],
    );
    const json = await call<ApiError>('POST', '/api/v1/contacts/import', { rows: [] });
    assert.equal(json.status, 415, json.text);
  });

  test('CSV import takes a file over the 1 MiB API limit, in chunks of 500 rows', async () => {
    const city = 'C'.repeat(1000);
    const rows = Array.from({ length: 1200 }, (_, i) => `Bulk ${i},bulk${i}@example.com,${city}`);
    const csv = ['name,email,city', ...rows].join('\n');
    assert.ok(Buffer.byteLength(csv) > 1024 * 1024);
    const res = await call<ImportSummary>('POST', '/api/v1/contacts/import', csv, running.adminToken, 'text/csv');
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.deepEqual(
      { ...res.body, errors: res.body.errors.length },
      { created: 1200, updated: 0, unchanged: 0, skipped: 0, errors: 0, dryRun: false },
    );
    const last = await call<{ data: ContactView[] }>('GET', '/api/v1/contacts?email=bulk1199@example.com');
    assert.equal(last.body.data[0]?.attributes['city'], city);
  });

  test('CSV export escapes formulas, and importing the export changes nothing', async () => {
    const evil = await create({
      displayName: '=HYPERLINK("http://evil.example","click")',
      email: 'formula@example.com',
      tags: ['@risk', 'x'],
    });
    await call('PATCH', `/api/v1/contacts/${evil.id}`, { attributes: { city: '+São Paulo', cpf: '-123' } });
    const res = await fetch(`${running.baseUrl}/api/v1/contacts/export.csv`, {
      headers: { authorization: `Bearer ${running.adminToken}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await res.text();
    const header = text.replace(/^\uFEFF/, '').split('\r\n')[0];
    assert.equal(
      header,
      'id,display_name,email,phone,locale,tags,created_at,updated_at,segments,city,cep,state,birthday,plan,customer_since,marketing_opt_in,cpf',
    );
    const line = text.split('\r\n').find((l) => l.startsWith(evil.id)) ?? '';
    assert.ok(line.includes(`"'=HYPERLINK(""http://evil.example"",""click"")"`), line);
    assert.ok(line.includes("'@risk;x"), line);
    assert.ok(line.includes("'+São Paulo"), line);
    assert.ok(line.includes("'-123"), line);

    const before = await running.app.database.db.selectFrom('contacts').selectAll().orderBy('id').execute();
    const eventsBefore = await running.app.database.db.selectFrom('events').select('id').execute();
    const back = await call<ImportSummary>('POST', '/api/v1/contacts/import', text, running.adminToken, 'text/csv');
    assert.equal(back.status, 200, back.text);
    assert.equal(back.body.created, 0);
    assert.equal(back.body.updated, 0);
    assert.deepEqual(back.body.errors, []);
    assert.deepEqual(await running.app.database.db.selectFrom('contacts').selectAll().orderBy('id').execute(), before);
    assert.equal((await running.app.database.db.selectFrom('events').select('id').execute()).length, eventsBefore.length);
    const evilNow = await call<ContactView>('GET', `/api/v1/contacts/${evil.id}`);
    assert.equal(evilNow.body.displayName, '=HYPERLINK("http://evil.example","click")');
  });
});
