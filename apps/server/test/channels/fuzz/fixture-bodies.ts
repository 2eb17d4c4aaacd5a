import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const channelFixturesDir = join(import.meta.dirname, '../../../../../../shared/data/channel-fixtures');

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** Nested objects of a JSON file that look like whole webhook bodies by the given test. */
function collect(value: unknown, looksLikeBody: (o: Record<string, unknown>) => boolean, out: Record<string, unknown>[]): void {
  if (Array.isArray(value)) value.forEach((v) => collect(v, looksLikeBody, out));
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (looksLikeBody(record)) out.push(record);
    else Object.values(record).forEach((v) => collect(v, looksLikeBody, out));
  }
}

function bodiesIn(dir: string, looksLikeBody: (o: Record<string, unknown>) => boolean): Buffer[] {
  const out: Record<string, unknown>[] = [];
  for (const file of jsonFiles(dir)) {
    try {
      collect(JSON.parse(readFileSync(file, 'utf8')), looksLikeBody, out);
    } catch {
      // Not JSON (a raw body saved as .json with a signature): the byte-level mutations cover those.
    }
  }
  return out.map((o) => Buffer.from(JSON.stringify(o)));
}

/** Webhook bodies from the shared provider fixtures, per channel type (JSON or form-encoded). */
export function fixtureBodies(): Record<'whatsapp' | 'messenger' | 'instagram' | 'telegram' | 'sms' | 'voice', Buffer[]> {
  const meta = (o: Record<string, unknown>) => typeof o['object'] === 'string' && Array.isArray(o['entry']);
  const forms = (file: string, pick: (o: Record<string, unknown>) => string | null): Buffer[] => {
    const path = join(channelFixturesDir, file);
    if (!existsSync(path)) return [];
    const out: Buffer[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        const form = pick(v as Record<string, unknown>);
        if (form !== null) out.push(Buffer.from(form));
        else Object.values(v).forEach(walk);
      }
    };
    walk(JSON.parse(readFileSync(path, 'utf8')));
    return out;
  };
  const twilioForm = (o: Record<string, unknown>) => (typeof o['form_body'] === 'string' ? o['form_body'] : null);
  const voiceParams = new URLSearchParams({
    CallSid: 'CA5f2e2e6b0c3c4d0b9a1e2f3a4b5c6d7e',
    AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    From: '+5511987654321',
    To: '+551130000000',
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
    SpeechResult: 'quero saber do meu pedido',
    Confidence: '0.92',
  });
  return {
    whatsapp: bodiesIn(join(channelFixturesDir, 'whatsapp'), meta),
    messenger: bodiesIn(join(channelFixturesDir, 'messenger'), meta),
    instagram: bodiesIn(join(channelFixturesDir, 'instagram'), meta),
    telegram: bodiesIn(join(channelFixturesDir, 'telegram'), (o) => typeof o['update_id'] === 'number'),
    sms: forms('twilio/nyaruka-courier/twiml_handlers_test_requests.json', twilioForm),
    // The voice fixtures list parameter names; the body is built from them as Twilio documents it.
    voice: existsSync(join(channelFixturesDir, 'twilio-voice')) ? [Buffer.from(voiceParams.toString())] : [],
  };
}
