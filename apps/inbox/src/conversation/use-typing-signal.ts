import { useCallback, useEffect, useRef } from 'react';
import { live } from '../live/live.ts';

/** Say "typing" again at most this often while keys keep coming, and "stopped" after this long idle. */
const repeatMs = 3_000;
const idleMs = 4_000;

/**
 * Tells the customer an agent is typing (over the live connection; the server forwards it where the
 * channel has a typing indicator), throttled so a fast typist sends one frame every few seconds.
 */
export function useTypingSignal(conversationId: string): { typed: () => void; stopped: () => void } {
  const lastOn = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopped = useCallback(() => {
    if (idle.current) clearTimeout(idle.current);
    idle.current = null;
    if (lastOn.current === 0) return;
    lastOn.current = 0;
    live.send({ type: 'typing', conversationId, on: false });
  }, [conversationId]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastOn.current > repeatMs) {
      lastOn.current = now;
      live.send({ type: 'typing', conversationId, on: true });
    }
    if (idle.current) clearTimeout(idle.current);
    idle.current = setTimeout(stopped, idleMs);
  }, [conversationId, stopped]);

  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}
