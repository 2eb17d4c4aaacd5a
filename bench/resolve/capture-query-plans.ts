import SqliteDatabase from 'better-sqlite3';

export interface StatementPlan {
  sql: string;
  calls: number;
  plan: string[];
  /** Plan lines that read a table or index whole instead of searching it: the statements to fix. */
  scans: string[];
  /** Plan lines that sort the result in a temporary b-tree (cheap on the handful of rows an index found). */
  sorts: string[];
}

interface Captured {
  calls: number;
  args: unknown[];
}

const shape = (source: string) => source.replace(/\s+/g, ' ').trim();
const isControl = (sql: string) => /^(begin|commit|rollback|savepoint|release)\b/i.test(sql);

/**
 * Runs `work` while recording every SQL statement better-sqlite3 executes (with the arguments of its
 * first call), then asks SQLite for each one's plan (`EXPLAIN QUERY PLAN` with those arguments, on a
 * connection of its own). Measurement only: the statements run exactly as they would otherwise.
 */
export async function captureQueryPlans(file: string, work: () => Promise<void>): Promise<StatementPlan[]> {
  const captured = new Map<string, Captured>();
  const restore = recordStatements(captured);
  try {
    await work();
  } finally {
    restore();
  }
  const explainer = new SqliteDatabase(file, { readonly: true });
  try {
    return [...captured]
      .filter(([sql]) => !isControl(sql))
      .map(([sql, c]) => {
        const plan = (explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...c.args) as { detail: string }[]).map((r) => r.detail);
        return {
          sql,
          calls: c.calls,
          plan,
          scans: plan.filter((line) => /^SCAN /.test(line) && !/CONSTANT ROW|VALUES CLAUSE/.test(line)),
          sorts: plan.filter((line) => /TEMP B-TREE/.test(line)),
        };
      });
  } finally {
    explainer.close();
  }
}

function recordStatements(captured: Map<string, Captured>): () => void {
  const probe = new SqliteDatabase(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const originals = new Map<string, unknown>();
  for (const method of ['run', 'all', 'get', 'iterate'] as const) {
    const original = prototype[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    prototype[method] = function recorded(this: { source: string }, ...args: unknown[]): unknown {
      const sql = shape(this.source);
      const seen = captured.get(sql);
      if (seen) seen.calls++;
      else captured.set(sql, { calls: 1, args });
      return original.apply(this, args) as unknown;
    };
  }
  return () => {
    for (const [method, original] of originals) prototype[method] = original;
  };
}
