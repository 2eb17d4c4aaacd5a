import { useState } from 'react';

export interface Action {
  busy: boolean;
  /** What the last run threw; null while it runs and after it succeeds. */
  error: unknown;
  /** A line for the person (saved, sent, a form mistake); cleared when a run starts. */
  note: string | null;
  setNote: (note: string | null) => void;
  /** Runs one request at a time from the caller's point of view: busy meanwhile, the error kept. */
  run: (action: () => Promise<void>) => Promise<void>;
}

/** The state of a form or row that sends one request at a time and says how it went. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, note, setNote, run };
}
