import type { SsrfPolicy } from '../../security/ssrf-guard.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One flow `call`, its templates already rendered. */
export interface HttpActionRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  retries: number;
}

export type HttpActionFailureCode = 'timeout' | 'network' | 'blocked' | 'bad_status' | 'invalid_json' | 'too_large';

export type HttpActionResult =
  { ok: true; status: number; json: unknown } | { ok: false; code: HttpActionFailureCode; status?: number; message: string };

export interface HttpActionRunner {
  /** Never throws: every failure is a coded result the flow can branch on. */
  run(request: HttpActionRequest): Promise<HttpActionResult>;
}

export interface HttpActionRunnerOptions {
  policy: SsrfPolicy;
  /**
   * Rewrites a URL before the guard (the lead maps http://fio-playground.invalid/... to Fio's own
   * address); `trusted` skips the private-range check. `null` leaves the URL as it is.
   */
  rewriteUrl?: (url: URL) => { url: URL; trusted: boolean } | null;
  /** Default 1 MiB; a longer body fails with `too_large`. */
  maxResponseBytes?: number;
  /** Default "Fio/0.1 (+flow action)". */
  userAgent?: string;
  /** Receives method, URL without query, attempt, code and status: never header values (they carry secrets). */
  log?: { warn(obj: object, msg: string): void };
  /** DNS resolution; the system resolver unless a test pins it. */
  resolve?: (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;
}
