import { signApiRequest } from '@fio/channel-api';

/**
 * A provider's delivery loop: POST a signed API-channel message and keep retrying (connection refused
 * or reset while the server is down, 5xx) until a 2xx comes back. A 4xx is a real answer and ends it.
 */
export interface IngestAnswer {
  duplicate: boolean;
  messageId: string;
  conversationId: string | null;
  seq: number | null;
}

export interface ApiMessageBody {
  messageId: string;
  from: { id: string; email?: string; name?: string };
  text: string;
}

export class RejectedPostError extends Error {
  override readonly name = 'RejectedPostError';
}

export async function postUntilAcknowledged(
  url: string,
  secret: string,
  message: ApiMessageBody,
  opts: { onRetry?: () => void; retryDelayMs?: number; giveUpAfterMs?: number } = {},
): Promise<IngestAnswer> {
  const body = JSON.stringify(message);
  const until = Date.now() + (opts.giveUpAfterMs ?? 60_000);
  for (;;) {
    let status = 0;
    let text = '';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signApiRequest(secret, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      text = await res.text();
    } catch {
      // refused or reset: the server is down or was killed mid-request
    }
    if (status >= 200 && status < 300) return parseAnswer(text);
    if (status >= 400 && status < 500) throw new RejectedPostError(`${message.messageId} rejected with ${status}: ${text.slice(0, 300)}`);
    if (Date.now() > until)
      throw new Error(`${message.messageId} not acknowledged within ${opts.giveUpAfterMs ?? 60_000} ms (last status ${status})`);
    opts.onRetry?.();
    await new Promise((r) => setTimeout(r, opts.retryDelayMs ?? 25));
  }
}

function parseAnswer(text: string): IngestAnswer {
  const json: unknown = JSON.parse(text);
  const first =
    typeof json === 'object' && json !== null && 'messages' in json && Array.isArray(json.messages) ? (json.messages[0] as unknown) : null;
  if (typeof first !== 'object' || first === null) throw new Error(`unexpected ingest answer: ${text.slice(0, 300)}`);
  const answer = first as Record<string, unknown>;
  return {
    duplicate: answer['duplicate'] === true,
    messageId: String(answer['messageId']),
    conversationId: typeof answer['conversationId'] === 'string' ? answer['conversationId'] : null,
    seq: typeof answer['seq'] === 'number' ? answer['seq'] : null,
  };
}
