import { clientFrameSchema, type ClientFrame } from '@fio/contracts';
import { maxClientFrameBytes } from '../definition.ts';

export type ParseClientFrameResult =
  { ok: true; frame: ClientFrame } | { ok: false; code: 'bad_frame' | 'unknown_frame' | 'frame_too_large'; message: string };

const knownTypes: ReadonlySet<string> = new Set(clientFrameSchema.options.map((option) => option.shape.type.value));

/** One WebSocket text message from the widget → a validated client frame. Pure; never throws. */
export function parseClientFrame(raw: string | Buffer): ParseClientFrameResult {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (size > maxClientFrameBytes) {
    return { ok: false, code: 'frame_too_large', message: `frames are limited to ${maxClientFrameBytes} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    return { ok: false, code: 'bad_frame', message: 'frame is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('type' in json) || typeof json.type !== 'string') {
    return { ok: false, code: 'bad_frame', message: 'frame must be a JSON object with a string "type"' };
  }
  if (!knownTypes.has(json.type)) {
    return { ok: false, code: 'unknown_frame', message: `unknown frame type "${json.type.slice(0, 32)}"` };
  }
  const parsed = clientFrameSchema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(frame)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, code: 'bad_frame', message };
  }
  return { ok: true, frame: parsed.data };
}
