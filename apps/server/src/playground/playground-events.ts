import type { ChannelType, MessageView } from '@fio/contracts';
import type { CustomerView } from '@fio/emulators';

/** What the playground page hears live: the customer's own actions, what reached them, what Fio stored. */
export type PlaygroundEvent =
  | { type: 'customer'; channel: ChannelType; connectionId: string; from: string; text: string; at: string }
  | { type: 'delivered'; channel: ChannelType; connectionId: string; index: number; view: ShownView }
  | { type: 'stored'; contactId: string; message: MessageView };

/**
 * What the page is shown of a delivery: not the provider request (`raw`), which a provider may carry
 * credentials in; the page never needs it.
 */
export type ShownView = Omit<CustomerView, 'raw'>;

export interface PlaygroundEvents {
  publish(event: PlaygroundEvent): void;
  subscribe(listener: (event: PlaygroundEvent) => void): () => void;
  /** The customer actions and deliveries so far (bounded), for a page that opens late. */
  history(): PlaygroundEvent[];
}

const historyLimit = 1000;

export function createPlaygroundEvents(): PlaygroundEvents {
  const listeners = new Set<(event: PlaygroundEvent) => void>();
  const kept: PlaygroundEvent[] = [];
  return {
    publish(event) {
      // Stored messages are read back from the database; only what lives nowhere else is kept.
      if (event.type !== 'stored') {
        kept.push(event);
        if (kept.length > historyLimit) kept.splice(0, kept.length - historyLimit);
      }
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    history: () => [...kept],
  };
}
