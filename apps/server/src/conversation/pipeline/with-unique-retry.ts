import { isUniqueViolation } from '../../storage/index.ts';

/**
 * Two first messages of a new customer can race on PostgreSQL (both create the contact or open the
 * conversation); the loser hits a unique index and simply runs again, finding the winner's rows.
 */
export async function withUniqueRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isUniqueViolation(err)) throw err;
    }
  }
}
