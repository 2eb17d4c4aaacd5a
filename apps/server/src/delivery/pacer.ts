import type { ChannelPacing } from '@fio/channel-kit';

/**
 * Token buckets per connection and per recipient, within the limits the provider documents. `reserve`
 * takes a slot now or says how long until one frees; the caller waits a little or reschedules the job.
 * In-process: each node paces its own sends (cluster mode moves the buckets to Redis).
 */
export interface Pacer {
  /** Milliseconds to wait before this send may go (0 = go now; the slot is then taken). */
  reserve(connectionId: string, recipient: string, pacing: ChannelPacing | undefined, nowMs: number): number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const maxRecipientBuckets = 100_000;

export function createPacer(): Pacer {
  const connections = new Map<string, Bucket>();
  const recipients = new Map<string, Bucket>();

  const waitFor = (bucket: Bucket, ratePerSecond: number, burst: number, nowMs: number): number => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * ratePerSecond);
    bucket.updatedMs = nowMs;
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / ratePerSecond) * 1000);
  };
  const bucketOf = (map: Map<string, Bucket>, key: string, burst: number, nowMs: number): Bucket => {
    let bucket = map.get(key);
    if (!bucket) {
      if (map.size >= maxRecipientBuckets) map.delete(map.keys().next().value ?? '');
      bucket = { tokens: burst, updatedMs: nowMs };
      map.set(key, bucket);
    }
    return bucket;
  };

  return {
    reserve(connectionId, recipient, pacing, nowMs) {
      if (!pacing) return 0;
      const connBurst = Math.max(1, pacing.burst ?? pacing.perConnectionPerSecond);
      const conn = bucketOf(connections, connectionId, connBurst, nowMs);
      const connWait = waitFor(conn, pacing.perConnectionPerSecond, connBurst, nowMs);
      let recipientWait = 0;
      let recipientBucket: Bucket | null = null;
      if (pacing.perRecipientPerSecond) {
        const burst = Math.max(1, pacing.perRecipientBurst ?? 1);
        recipientBucket = bucketOf(recipients, `${connectionId}\u0000${recipient}`, burst, nowMs);
        recipientWait = waitFor(recipientBucket, pacing.perRecipientPerSecond, burst, nowMs);
      }
      const wait = Math.max(connWait, recipientWait);
      if (wait > 0) return wait;
      conn.tokens -= 1;
      if (recipientBucket) recipientBucket.tokens -= 1;
      return 0;
    },
  };
}
