import { ChannelError } from '@fio/channel-kit';
import type { ChannelCapabilities, Content } from '@fio/contracts';

/** The `message` object of one Send API call. */
export type SendApiMessage =
  | { text: string; quick_replies?: { content_type: 'text'; title: string; payload: string }[] }
  | { attachment: { type: 'image' | 'audio' | 'video' | 'file'; payload: { url: string; is_reusable: true } } };

export interface MessageLimits {
  capabilities: ChannelCapabilities;
  /** Instagram's text limit is in UTF-8 bytes. */
  maxTextBytes?: number;
}

/**
 * Canonical content (already fitted) → the Send API `message` objects to post, in order. A caption
 * goes first as its own text: Messenger and Instagram attachments carry none. Anything the channel
 * did not declare is refused rather than sent mangled.
 */
export function buildMessageBodies(content: Content, limits: MessageLimits): SendApiMessage[] {
  switch (content.kind) {
    case 'text':
      return [textBody(content.text, content.quickReplies, limits)];
    case 'media': {
      if (!limits.capabilities.mediaTypes.includes(content.mediaType)) refuse(`${content.mediaType} attachments are not supported`);
      if (!/^https?:\/\//i.test(content.url)) refuse('attachments are sent by http(s) URL, which Meta downloads');
      const attachment: SendApiMessage = { attachment: { type: content.mediaType, payload: { url: content.url, is_reusable: true } } };
      const caption = content.caption?.trim();
      return caption ? [textBody(caption, undefined, limits), attachment] : [attachment];
    }
    case 'list':
    case 'location':
    case 'contact_card':
    case 'template':
    case 'unsupported':
      return refuse(`${content.kind} content has no Send API form here; it should have been fitted to text`);
  }
}

function textBody(text: string, quickReplies: { id: string; label: string }[] | undefined, limits: MessageLimits): SendApiMessage {
  const { capabilities, maxTextBytes } = limits;
  if (text.trim() === '') refuse('the Send API refuses empty text');
  if (text.length > capabilities.maxTextLength) refuse(`text is ${text.length} characters, over the ${capabilities.maxTextLength} allowed`);
  if (maxTextBytes !== undefined && Buffer.byteLength(text, 'utf8') > maxTextBytes) {
    refuse(`text is ${Buffer.byteLength(text, 'utf8')} bytes in UTF-8, over the ${maxTextBytes} allowed`);
  }
  if (quickReplies === undefined || quickReplies.length === 0) return { text };
  const allowed = capabilities.quickReplies;
  if (allowed === null || quickReplies.length > allowed.max) refuse(`at most ${allowed?.max ?? 0} quick replies are allowed`);
  return {
    text,
    quick_replies: quickReplies.map((reply) => {
      if (reply.label.length > (allowed?.maxLabelLength ?? 0))
        refuse(`quick reply "${reply.label}" is longer than ${allowed?.maxLabelLength} characters`);
      return { content_type: 'text' as const, title: reply.label, payload: reply.id };
    }),
  };
}

function refuse(message: string): never {
  throw new ChannelError({ code: 'unsupported_content', message, retryable: false });
}
