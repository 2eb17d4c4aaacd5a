import type { Db, DbOrTx } from './database.ts';

export type Transact = <T>(work: (tx: DbOrTx) => Promise<T>) => Promise<T>;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
interface Pending {
  work: (tx: DbOrTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. The embedded database has one writer connection, so transactions run one
 * after another anyway; what costs is the commit (WAL frames for every touched page). Units of work
 * that arrive while a commit is running are gathered into the next physical transaction, each inside
 * its own savepoint: a failing unit rolls back alone, and every caller learns its outcome only after
 * the whole batch is durable. Callers see exactly the semantics of one transaction each.
 */
export function createGroupCommit(db: Db, maxBatch = 128): Transact {
  const queue: Pending[] = [];
  let draining = false;

  async function runBatch(batch: Pending[]): Promise<void> {
    const trx = await db.startTransaction().execute();
    const outcomes: Outcome[] = [];
    try {
      if (batch.length === 1 && batch[0]) {
        try {
          outcomes.push({ ok: true, value: await batch[0].work(trx) });
        } catch (error) {
          await trx.rollback().execute();
          batch[0].reject(error);
          return;
        }
      } else {
        for (const [i, item] of batch.entries()) {
          const name = `unit${i}`;
          const sp = await trx.savepoint(name).execute();
          try {
            const value = await item.work(sp);
            await sp.releaseSavepoint(name).execute();
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sp.rollbackToSavepoint(name).execute();
            await sp.releaseSavepoint(name).execute();
            outcomes.push({ ok: false, error });
          }
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // The transaction itself failed (I/O, busy): nothing of the batch is stored; tell everyone.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) item.resolve(outcome.value);
      else item.reject(outcome ? outcome.error : new Error('unit of work did not run'));
    });
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      // Let the current turn of the event loop finish first: units arriving in it share the commit.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        try {
          await runBatch(batch);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: (tx: DbOrTx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
}

/** PostgreSQL commits concurrently from a pool and groups WAL flushes itself: one transaction per unit. */
export function createPlainTransact(db: Db): Transact {
  return (work) => db.transaction().execute(work);
}
