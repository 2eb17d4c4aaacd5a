import { useCallback, useEffect, useRef } from 'react';
import { live } from '../live/live.ts';

/**
 * Marks the conversation read up to the last message the agent has actually seen. A mark made while
 * the live connection is down is sent when it comes back (the server keeps marks monotonic).
 */
export function useReadMark(conversationId: string): (seq: number) => void {
  const sent = useRef(0);
  const seen = useRef(0);
  const flush = useCallback(() => {
    if (seen.current <= sent.current || !live.connected) return;
    live.send({ type: 'read', conversationId, seq: seen.current });
    sent.current = seen.current;
  }, [conversationId]);
  useEffect(() => {
    sent.current = 0;
    seen.current = 0;
    return live.onStatus((connected) => {
      if (connected) {
        // A new connection: the server may not have the last mark if it was sent just before the drop.
        sent.current = 0;
        flush();
      }
    });
  }, [flush]);
  return useCallback(
    (seq: number) => {
      if (seq > seen.current) seen.current = seq;
      flush();
    },
    [flush],
  );
}
