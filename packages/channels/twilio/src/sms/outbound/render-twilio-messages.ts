import { ChannelError, splitText } from '@fio/channel-kit';
import type { Content } from '@fio/contracts';
import { smsMaxBodyLength } from '../definition.ts';
import { splitBySegments } from './split-by-segments.ts';

/** The content-bearing parameters of one Messages API call. */
export interface TwilioMessageParts {
  Body?: string;
  MediaUrl?: string[];
}

export interface RenderOptions {
  /** SMS bodies are kept to this many segments; WhatsApp and MMS bodies have no segments. */
  maxSegmentsPerMessage: number;
  /** Whether the recipient is reached over SMS (segments apply) rather than WhatsApp. */
  segmented: boolean;
  sendMediaAs: 'mms' | 'link';
}

/**
 * One canonical content → the Messages API calls that carry it, in order. Text longer than the body
 * limit, or than the segment cap on SMS, is split at word boundaries; media goes as MediaUrl with its
 * caption as Body (or as a link in the text where the connection has no MMS). Anything the server should
 * have fitted to text first (options, lists, cards) is refused rather than sent half-rendered.
 */
export function renderTwilioMessages(content: Content, opts: RenderOptions): TwilioMessageParts[] {
  switch (content.kind) {
    case 'text':
      if (content.quickReplies !== undefined && content.quickReplies.length > 0) {
        throw unsupported('quick replies (fit them to numbered text first)');
      }
      return splitBody(content.text, opts).map((Body) => ({ Body }));
    case 'media': {
      if (opts.sendMediaAs === 'link') {
        const text = content.caption ? `${content.caption}\n${content.url}` : content.url;
        return splitBody(text, opts).map((Body) => ({ Body }));
      }
      // Twilio fetches the URL itself: it must be absolute and public.
      if (!/^https?:\/\//i.test(content.url)) throw unsupported(`media at "${content.url.slice(0, 80)}" (not an http(s) URL)`);
      const captions = content.caption ? splitText(content.caption, smsMaxBodyLength) : [];
      const [first, ...rest] = captions;
      return [{ ...(first ? { Body: first } : {}), MediaUrl: [content.url] }, ...rest.map((Body) => ({ Body }))];
    }
    case 'list':
    case 'location':
    case 'contact_card':
    case 'template':
    case 'unsupported':
      throw unsupported(`${content.kind} content`);
  }
}

function splitBody(text: string, opts: RenderOptions): string[] {
  if (text.trim() === '') throw unsupported('an empty text');
  const bodies = splitText(text, smsMaxBodyLength);
  if (!opts.segmented) return bodies;
  return bodies.flatMap((body) => splitBySegments(body, opts.maxSegmentsPerMessage));
}

function unsupported(what: string): ChannelError {
  return new ChannelError({ code: 'unsupported_content', message: `SMS cannot carry ${what}`, retryable: false });
}
