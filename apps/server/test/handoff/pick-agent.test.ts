import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentFits,
  compareWaiting,
  pickAgent,
  speaksLanguage,
  type RoutingAgent,
  type RoutingTeam,
  type WaitingConversation,
} from '../../src/handoff/pick-agent.ts';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  skills: [],
  capacity: 5,
  channelCapacity: {},
  open: 0,
  openByChannel: {},
  lastAssignedAt: null,
  teamIds: ['t1'],
  ...over,
});
const team = (over: Partial<RoutingTeam> = {}): RoutingTeam => ({
  id: 't1',
  routing: 'round_robin',
  requiredSkills: [],
  languageSkilled: false,
  ...over,
});
const waiting = (over: Partial<WaitingConversation> = {}): WaitingConversation => ({
  id: 'cv1',
  teamId: 't1',
  priority: 'normal',
  language: 'pt-BR',
  channelType: 'whatsapp',
  queuedAt: '2026-01-01T10:00:00.000Z',
  ...over,
});

describe('pickAgent', () => {
  test('round robin gives it to whoever was assigned least recently, never-assigned first', () => {
    const agents = [
      agent('a', { lastAssignedAt: '2026-01-01T09:00:00.000Z' }),
      agent('b', { lastAssignedAt: '2026-01-01T08:00:00.000Z' }),
      agent('c'),
    ];
    assert.equal(pickAgent(waiting(), team(), agents, false)?.id, 'c');
    assert.equal(pickAgent(waiting(), team(), agents.slice(0, 2), false)?.id, 'b');
  });

  test('least busy gives it to the agent with fewest open conversations, ties by round robin', () => {
    const agents = [agent('a', { open: 3 }), agent('b', { open: 1, lastAssignedAt: '2026-01-01T09:00:00.000Z' }), agent('c', { open: 1 })];
    assert.equal(pickAgent(waiting(), team({ routing: 'least_busy' }), agents, false)?.id, 'c');
  });

  test('a manual team is never auto-assigned', () => {
    assert.equal(pickAgent(waiting(), team({ routing: 'manual' }), [agent('a')], false), null);
  });

  test('capacity and the per-channel limit stop assignment', () => {
    assert.equal(agentFits(agent('a', { open: 5 }), waiting(), team(), false), false);
    const full = agent('a', { open: 2, channelCapacity: { whatsapp: 2 }, openByChannel: { whatsapp: 2 } });
    assert.equal(agentFits(full, waiting(), team(), false), false);
    assert.equal(agentFits(full, waiting({ channelType: 'webchat' }), team(), false), true);
  });

  test("team members only, with the team's required skills", () => {
    assert.equal(agentFits(agent('a', { teamIds: ['t2'] }), waiting(), team(), false), false);
    assert.equal(agentFits(agent('a'), waiting(), team({ requiredSkills: ['product:cartao'] }), false), false);
    assert.equal(
      agentFits(agent('a', { skills: ['product:cartao'] }), waiting(), team({ requiredSkills: ['product:cartao'] }), false),
      true,
    );
    // No team: anyone may take it.
    assert.equal(agentFits(agent('a', { teamIds: [] }), waiting({ teamId: null }), null, false), true);
  });

  test('the language is a condition only when the pool declares languages; regions are not told apart', () => {
    assert.equal(agentFits(agent('a'), waiting({ language: 'en' }), team(), false), true);
    assert.equal(agentFits(agent('a'), waiting({ language: 'en' }), team(), true), false);
    assert.equal(agentFits(agent('a', { skills: ['language:en'] }), waiting({ language: 'en' }), team(), true), true);
    assert.equal(speaksLanguage(['language:pt'], 'pt-BR'), true);
    assert.equal(speaksLanguage(['language:pt-BR'], 'es'), false);
  });

  test('urgent before high before normal before low, then the longest waiting', () => {
    const list = [
      waiting({ id: 'low', priority: 'low', queuedAt: '2026-01-01T08:00:00.000Z' }),
      waiting({ id: 'normal-new', queuedAt: '2026-01-01T11:00:00.000Z' }),
      waiting({ id: 'urgent', priority: 'urgent', queuedAt: '2026-01-01T12:00:00.000Z' }),
      waiting({ id: 'normal-old', queuedAt: '2026-01-01T09:00:00.000Z' }),
    ];
    assert.deepEqual(
      list.sort(compareWaiting).map((c) => c.id),
      ['urgent', 'normal-old', 'normal-new', 'low'],
    );
  });
});
