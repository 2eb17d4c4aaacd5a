import { inboxClientFrameSchema, type InboxClientFrame } from '@fio/contracts';

/** Inbox frames are small (the largest is a read mark): anything bigger is a mistake or abuse. */
export const maxInboxFrameBytes = 4 * 1024;

export type ParsedInboxFrame =
  { ok: true; frame: InboxClientFrame } | { ok: false; code: 'bad_frame' | 'unknown_frame' | 'frame_too_large'; message: string };

const knownTypes = new Set(['hello', 'typing', 'presence', 'read', 'ping']);

export function parseInboxFrame(data: Buffer, isBinary: boolean): ParsedInboxFrame {
  if (isBinary) return { ok: false, code: 'bad_frame', message: 'frames are JSON text' };
  if (data.length > maxInboxFrameBytes)
    return { ok: false, code: 'frame_too_large', message: `frames are at most ${maxInboxFrameBytes} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, code: 'bad_frame', message: 'the frame is not JSON' };
  }
  const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
  if (typeof type !== 'string' || !knownTypes.has(type)) return { ok: false, code: 'unknown_frame', message: 'unknown frame type' };
  const parsed = inboxClientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: 'bad_frame', message: `${issue?.path.join('.') || type}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, frame: parsed.data };
}
