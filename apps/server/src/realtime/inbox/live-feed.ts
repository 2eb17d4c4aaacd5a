import { randomBytes } from 'node:crypto';
import type { InboxEvent } from '@fio/contracts';

/** Who may receive a frame. Decided when the frame is sent (live or replayed), never stored per viewer. */
export type Audience =
  /** Everyone signed in to the workspace (presence). */
  | { kind: 'workspace' }
  /** Whoever may see the conversation as it was when the frame was made. */
  | {
      kind: 'conversation';
      teamId: string | null;
      assigneeId: string | null;
      restrictedTeamIds: ReadonlySet<string>;
      /** The person who caused it (their own typing is not echoed). */
      exceptUserId?: string | null;
      /** Only these people (mentions, one reader's own unread count). */
      onlyUserIds?: readonly string[];
    }
  /** Those who saw the conversation before (or may have: `before` unknown) and may not any more. */
  | {
      kind: 'lost_sight';
      now: { teamId: string | null; assigneeId: string | null };
      before: { teamId: string | null; assigneeId: string | null } | null;
      restrictedTeamIds: ReadonlySet<string>;
    };

export interface FeedEntry {
  seq: number;
  cursor: string;
  /** When it was published (ms since the epoch), for the buffer's age limit. */
  at: number;
  event: InboxEvent;
  audience: Audience;
  /** A conversation row's unread count differs per viewer: these override event.conversation.unread. */
  unread?: { byUser: ReadonlyMap<string, number>; others: number };
  /** Serialized frames, made once and shared by every socket that gets the same bytes. */
  serialized?: Map<number, string>;
}

export type Subscriber = (entry: FeedEntry) => void;

export type Subscription =
  | { resync: false; cursor: string; replay: FeedEntry[]; unsubscribe: () => void }
  | { resync: true; cursor: string; replay: []; unsubscribe: () => void };

export interface LiveFeed {
  readonly epoch: string;
  publish(workspaceId: string, event: InboxEvent, audience: Audience, unread?: FeedEntry['unread']): FeedEntry;
  /**
   * Starts live delivery and returns what the caller missed since `since`, all in one synchronous step:
   * nothing published afterwards can fall between the replay and the live frames.
   */
  subscribe(workspaceId: string, since: string | undefined, subscriber: Subscriber): Subscription;
}

interface WorkspaceFeed {
  seq: number;
  /** Ring buffer: entries[start .. start+length) modulo capacity, oldest first. */
  entries: (FeedEntry | undefined)[];
  start: number;
  length: number;
  subscribers: Set<Subscriber>;
}

/**
 * The inbox's live feed per workspace: every frame gets a cursor "<epoch>.<seq>" (the epoch is this
 * process's random start id, so a cursor from before a restart or from another node is recognised as
 * foreign) and stays in a ring buffer (the last `maxFrames` frames, at most `maxAgeMs` old), so a
 * reconnecting inbox replays exactly what it missed, or is told to resync when that is gone.
 */
export function createLiveFeed(opts: { maxFrames?: number; maxAgeMs?: number; now?: () => number; epoch?: string } = {}): LiveFeed {
  const capacity = opts.maxFrames ?? 5_000;
  const maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  const epoch = opts.epoch ?? randomBytes(6).toString('hex');
  const feeds = new Map<string, WorkspaceFeed>();

  const feedOf = (workspaceId: string): WorkspaceFeed => {
    let feed = feeds.get(workspaceId);
    if (!feed)
      feeds.set(
        workspaceId,
        (feed = { seq: 0, entries: new Array<FeedEntry | undefined>(capacity), start: 0, length: 0, subscribers: new Set() }),
      );
    return feed;
  };
  const dropOld = (feed: WorkspaceFeed) => {
    const oldest = now() - maxAgeMs;
    while (feed.length > 0) {
      const first = feed.entries[feed.start];
      if (first && first.at >= oldest) break;
      feed.entries[feed.start] = undefined;
      feed.start = (feed.start + 1) % capacity;
      feed.length -= 1;
    }
  };

  return {
    epoch,
    publish(workspaceId, event, audience, unread) {
      const feed = feedOf(workspaceId);
      feed.seq += 1;
      const entry: FeedEntry = { seq: feed.seq, cursor: `${epoch}.${feed.seq}`, at: now(), event, audience, ...(unread ? { unread } : {}) };
      if (feed.length === capacity) {
        feed.start = (feed.start + 1) % capacity;
        feed.length -= 1;
      }
      feed.entries[(feed.start + feed.length) % capacity] = entry;
      feed.length += 1;
      dropOld(feed);
      for (const subscriber of feed.subscribers) subscriber(entry);
      return entry;
    },

    subscribe(workspaceId, since, subscriber) {
      const feed = feedOf(workspaceId);
      dropOld(feed);
      feed.subscribers.add(subscriber);
      const unsubscribe = () => void feed.subscribers.delete(subscriber);
      const head = `${epoch}.${feed.seq}`;
      if (since === undefined) return { resync: false, cursor: head, replay: [], unsubscribe };
      const seen = parseCursor(since, epoch);
      // Unknown epoch (a restart, another node), a cursor from the future, or frames already dropped.
      const oldestKept = feed.length > 0 ? (feed.entries[feed.start]?.seq ?? feed.seq + 1) : feed.seq + 1;
      if (seen === null || seen > feed.seq || seen + 1 < oldestKept) return { resync: true, cursor: head, replay: [], unsubscribe };
      const replay: FeedEntry[] = [];
      for (let i = 0; i < feed.length; i++) {
        const entry = feed.entries[(feed.start + i) % capacity];
        if (entry && entry.seq > seen) replay.push(entry);
      }
      return { resync: false, cursor: since, replay, unsubscribe };
    },
  };
}

/** The sequence number of a cursor of this epoch, or null when it is not one. */
export function parseCursor(cursor: string, epoch: string): number | null {
  const dot = cursor.lastIndexOf('.');
  if (dot <= 0 || cursor.slice(0, dot) !== epoch) return null;
  const digits = cursor.slice(dot + 1);
  if (!/^\d{1,15}$/.test(digits)) return null;
  return Number(digits);
}
