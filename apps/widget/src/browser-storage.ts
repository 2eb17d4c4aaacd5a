/**
 * localStorage behind a tiny seam: it throws in some privacy modes and sandboxed iframes, and the
 * widget must keep working there (then the visitor id and outbox live only as long as the page).
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function openBrowserStorage(kind: 'local' | 'session' = 'local'): KeyValueStore {
  const memory = new Map<string, string>();
  let storage: Storage | null = null;
  try {
    storage = kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    storage = null;
  }
  return {
    get(key) {
      try {
        return storage ? storage.getItem(key) : (memory.get(key) ?? null);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        storage?.setItem(key, value);
      } catch {
        // Quota or privacy mode: the in-memory copy still serves this page.
      }
    },
  };
}
