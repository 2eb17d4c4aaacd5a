/**
 * Training runs on the server's only thread, so a long loop hands the event loop back every
 * `budgetMs` of work: conversations keep being answered while a workspace's model retrains.
 * Loops call `due()` once per unit of work (an example, an epoch slice) and await `pause()` when
 * it says so; checking the clock costs far less than any unit it guards.
 */
export interface EventLoopYielder {
  due(): boolean;
  pause(): Promise<void>;
}

export function createEventLoopYielder(budgetMs = 8): EventLoopYielder {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= budgetMs,
    pause: async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}
