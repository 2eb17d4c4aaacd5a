import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InboxConversation, InboxEvent, MeView } from '@fio/contracts';
import { belongsToView, compareRows, countOf, viewFromSearch } from '../src/list/views.ts';
import { filtersFromSearch, listUrl, matchesFilters, withFilter } from '../src/list/list-query.ts';
import { initialListState, reduceList, type ListState } from '../src/list/list-reducer.ts';
import { matchRoute } from '../src/router.ts';
import { parseSkills } from '../src/settings/parse-skills.ts';

const now = Date.parse('2026-11-25T12:00:00.000Z');

function buildMe(overrides: Partial<MeView['user']> = {}): MeView {
  return {
    user: {
      id: 'u_me',
      email: 'ana@loja.test',
      name: 'Ana',
      role: 'agent',
      status: 'active',
      locale: null,
      capacity: 5,
      channelCapacity: {},
      skills: [],
      teamIds: ['t_sales'],
      presence: 'online',
      presenceAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      ...overrides,
    },
    workspace: { id: 'w', slug: 'loja', name: 'Loja', languages: ['pt-BR', 'en'], defaultLanguage: 'pt-BR', timezone: 'America/Sao_Paulo' },
    csrfToken: 'csrf',
  };
}

function buildRow(overrides: Partial<InboxConversation> = {}): InboxConversation {
  return {
    id: 'c1',
    contactId: 'k1',
    contactName: 'Joana',
    status: 'queued',
    assigneeId: null,
    assigneeName: null,
    teamId: 't_sales',
    teamName: 'Vendas',
    priority: 'normal',
    tags: [],
    channelType: 'whatsapp',
    language: 'pt-BR',
    lastMessage: { text: 'oi', author: 'contact', at: '2026-11-25T11:00:00.000Z' },
    lastMessageAt: '2026-11-25T11:00:00.000Z',
    lastMessageSeq: 3,
    waitingSince: '2026-11-25T11:00:00.000Z',
    queuedAt: '2026-11-25T11:00:00.000Z',
    assignedAt: null,
    unread: 1,
    snoozedUntil: null,
    snoozedForReply: false,
    sla: { state: 'ok', kind: 'first_response', dueAt: '2026-11-25T13:00:00.000Z', policyId: 'p' },
    createdAt: '2026-11-25T11:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

describe('which view a conversation belongs to', () => {
  const me = buildMe();
  test('a queued, unassigned conversation is in unassigned, all and my teams, not in mine', () => {
    const c = buildRow();
    assert.equal(belongsToView(c, 'unassigned', me, now), true);
    assert.equal(belongsToView(c, 'all', me, now), true);
    assert.equal(belongsToView(c, 'my_teams', me, now), true);
    assert.equal(belongsToView(c, 'mine', me, now), false);
  });
  test('taken by me it leaves unassigned and enters mine', () => {
    const c = buildRow({ status: 'assigned', assigneeId: 'u_me' });
    assert.equal(belongsToView(c, 'unassigned', me, now), false);
    assert.equal(belongsToView(c, 'mine', me, now), true);
  });
  test('snoozed until later it is only in snoozed; once the time passed it is back', () => {
    const c = buildRow({ status: 'assigned', assigneeId: 'u_me', snoozedUntil: '2026-11-25T15:00:00.000Z' });
    assert.equal(belongsToView(c, 'mine', me, now), false);
    assert.equal(belongsToView(c, 'snoozed', me, now), true);
    assert.equal(belongsToView(c, 'mine', me, Date.parse('2026-11-25T16:00:00.000Z')), true);
    assert.equal(belongsToView(buildRow({ snoozedForReply: true }), 'snoozed', me, now), true);
  });
  test('resolved only in resolved; another team only outside my teams', () => {
    assert.equal(belongsToView(buildRow({ status: 'resolved' }), 'resolved', me, now), true);
    assert.equal(belongsToView(buildRow({ status: 'resolved' }), 'all', me, now), false);
    assert.equal(belongsToView(buildRow({ teamId: 't_billing' }), 'my_teams', me, now), false);
  });
  test('the view comes from ?view=, else agents start on mine and the others on all', () => {
    assert.equal(viewFromSearch(new URLSearchParams('view=snoozed'), me), 'snoozed');
    assert.equal(viewFromSearch(new URLSearchParams('view=nonsense'), me), 'mine');
    assert.equal(viewFromSearch(new URLSearchParams(''), buildMe({ role: 'supervisor' })), 'all');
  });
  test('counts map to views; resolved has none', () => {
    const counts = { mine: 1, unassigned: 2, myTeams: 3, all: 4, snoozed: 5, unread: { mine: 0, unassigned: 1, myTeams: 2, all: 3 } };
    assert.deepEqual(countOf(counts, 'my_teams'), { count: 3, unread: 2 });
    assert.equal(countOf(counts, 'resolved'), null);
  });
});

describe('list order', () => {
  test('the queue puts urgent first, then the longest waiting', () => {
    const rows = [
      buildRow({ id: 'a', queuedAt: '2026-11-25T10:00:00.000Z' }),
      buildRow({ id: 'b', priority: 'urgent', queuedAt: '2026-11-25T11:30:00.000Z' }),
      buildRow({ id: 'c', queuedAt: '2026-11-25T09:00:00.000Z' }),
    ];
    assert.deepEqual(
      rows.sort(compareRows('unassigned')).map((r) => r.id),
      ['b', 'c', 'a'],
    );
  });
  test('the other views put the latest message first', () => {
    const rows = [
      buildRow({ id: 'a', lastMessageAt: '2026-11-25T10:00:00.000Z' }),
      buildRow({ id: 'b', lastMessageAt: '2026-11-25T11:00:00.000Z' }),
    ];
    assert.deepEqual(
      rows.sort(compareRows('all')).map((r) => r.id),
      ['b', 'a'],
    );
  });
});

describe('filters in the URL', () => {
  test('known values are kept, unknown ones dropped, and they reach the API query', () => {
    const f = filtersFromSearch(new URLSearchParams('channel=whatsapp&status=bogus&sla=breached&tag=vip&q=%20joao%20'));
    assert.deepEqual(f, { channel: 'whatsapp', sla: 'breached', tag: 'vip', q: 'joao' });
    const url = new URL(listUrl('unassigned', f, 'cur1'), 'http://x');
    assert.equal(url.pathname, '/api/v1/inbox/conversations');
    assert.equal(url.searchParams.get('view'), 'unassigned');
    assert.equal(url.searchParams.get('channel'), 'whatsapp');
    assert.equal(url.searchParams.get('q'), 'joao');
    assert.equal(url.searchParams.get('cursor'), 'cur1');
  });
  test('a live row is checked against every filter but the text search', () => {
    const row = buildRow({ tags: ['vip'], sla: { state: 'breached', kind: null, dueAt: null, policyId: null } });
    assert.equal(matchesFilters(row, { channel: 'whatsapp', tag: 'vip', sla: 'breached' }), true);
    assert.equal(matchesFilters(row, { channel: 'email' }), false);
    assert.equal(matchesFilters(row, { priority: 'urgent' }), false);
  });
  test('changing one filter keeps the others; an empty value removes it', () => {
    const search = new URLSearchParams('view=all&channel=sms');
    assert.equal(withFilter(search, 'tag', 'vip'), 'view=all&channel=sms&tag=vip');
    assert.equal(withFilter(search, 'channel', ''), 'view=all');
  });
});

describe('the list kept live', () => {
  const me = buildMe();
  const ready = (rows: InboxConversation[]): ListState =>
    reduceList(initialListState, { type: 'loaded', rows, nextCursor: null, append: false });
  const live = (state: ListState, event: InboxEvent, openId: string | null = null) =>
    reduceList(state, {
      type: 'live',
      event,
      accepts: (c) => belongsToView(c, 'unassigned', me, now),
      canInsert: true,
      openId,
      sort: compareRows('unassigned'),
    });

  test('a new queued conversation is inserted in order and announced', () => {
    const state = live(ready([buildRow({ id: 'a' })]), {
      kind: 'conversation',
      conversation: buildRow({ id: 'b', priority: 'urgent', contactName: 'Rui' }),
    });
    assert.deepEqual(
      state.rows.map((r) => r.id),
      ['b', 'a'],
    );
    assert.equal(state.announcement?.name, 'Rui');
  });
  test('a conversation taken by someone leaves the queue; conversation_removed removes it too', () => {
    const start = ready([buildRow({ id: 'a' }), buildRow({ id: 'b' })]);
    const taken = live(start, { kind: 'conversation', conversation: buildRow({ id: 'a', status: 'assigned', assigneeId: 'u_x' }) });
    assert.deepEqual(
      taken.rows.map((r) => r.id),
      ['b'],
    );
    assert.deepEqual(live(taken, { kind: 'conversation_removed', conversationId: 'b' }).rows, []);
  });
  test('a customer message updates the last message and the unread count, except in the open conversation', () => {
    const message = {
      id: 'm9',
      conversationId: 'a',
      seq: 4,
      direction: 'inbound' as const,
      author: 'contact' as const,
      channelType: 'whatsapp' as const,
      connectionId: 'wa',
      content: { kind: 'text' as const, text: 'ainda aí?' },
      text: 'ainda aí?',
      providerMessageId: null,
      status: 'delivered' as const,
      error: null,
      createdAt: '2026-11-25T11:59:00.000Z',
      authorId: null,
      authorName: null,
    };
    const event: InboxEvent = { kind: 'message', conversationId: 'a', message };
    const updated = live(ready([buildRow({ id: 'a', unread: 1 })]), event);
    assert.equal(updated.rows[0]?.lastMessage?.text, 'ainda aí?');
    assert.equal(updated.rows[0]?.unread, 2);
    assert.equal(live(ready([buildRow({ id: 'a', unread: 1 })]), event, 'a').rows[0]?.unread, 0);
    assert.equal(live(updated, event).rows[0]?.unread, 2, 'the same message twice counts once');
  });
  test('an SLA alert changes the row badge', () => {
    const state = live(ready([buildRow({ id: 'a' })]), {
      kind: 'sla',
      conversationId: 'a',
      timer: 'first_response',
      state: 'breached',
      dueAt: '2026-11-25T11:50:00.000Z',
    });
    assert.equal(state.rows[0]?.sla.state, 'breached');
  });
  test('a further page appends without duplicates', () => {
    const state = reduceList(ready([buildRow({ id: 'a' })]), {
      type: 'loaded',
      rows: [buildRow({ id: 'a' }), buildRow({ id: 'b' })],
      nextCursor: null,
      append: true,
    });
    assert.deepEqual(
      state.rows.map((r) => r.id),
      ['a', 'b'],
    );
  });
});

describe('inbox paths', () => {
  const at = (path: string) => matchRoute(new URL(path, 'http://x').pathname, new URL(path, 'http://x').searchParams);
  test('every SPA path of the inbox is recognised', () => {
    assert.deepEqual(at('/inbox/'), { name: 'list' });
    assert.deepEqual(at('/inbox/c/conv_1'), { name: 'conversation', conversationId: 'conv_1' });
    assert.deepEqual(at('/inbox/supervisor'), { name: 'supervisor' });
    assert.deepEqual(at('/inbox/settings/teams'), { name: 'settings', tab: 'teams' });
    assert.deepEqual(at('/inbox/settings'), { name: 'settings', tab: 'agents' });
    assert.deepEqual(at('/inbox/sign-in?lang=en'), { name: 'sign-in' });
    assert.deepEqual(at('/inbox/reset?token=abc'), { name: 'reset', token: 'abc' });
    assert.deepEqual(at('/inbox/invite?token=xyz'), { name: 'invite', token: 'xyz' });
    assert.deepEqual(at('/inbox/nothing/here'), { name: 'not-found' });
  });
});

describe('skills typed in settings', () => {
  test('reads dimension:value, trims and dedupes; names the first bad one', () => {
    assert.deepEqual(parseSkills(' language:en, product:cartao ,language:en'), { ok: true, skills: ['language:en', 'product:cartao'] });
    assert.deepEqual(parseSkills(''), { ok: true, skills: [] });
    assert.deepEqual(parseSkills('language:en, ingles'), { ok: false, bad: 'ingles' });
  });
});
