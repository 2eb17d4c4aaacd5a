import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import type { InboundEvent, InboundMessageEvent, MediaType } from '@fio/contracts';
import type { FetchedMedia } from '@fio/channel-kit';
import { classifyAutomaticMail, headerText, type AutomaticKind } from './classify-automatic-mail.ts';
import { extractMessageIds } from './extract-message-ids.ts';
import { findConversationToken } from './find-conversation-token.ts';
import { readDeliveryReport } from './read-delivery-report.ts';
import { readSenderVerification } from './read-sender-verification.ts';
import { stripQuotedReply } from './strip-quoted-reply.ts';

export interface EmailParseOptions {
  /** This connection's own addresses (lower-cased): plus-addresses of them carry conversation tokens. */
  ownAddresses: readonly string[];
  /** authserv-ids whose Authentication-Results headers prove the From address. */
  trustedAuthServIds?: readonly string[];
  /** The SMTP envelope, when the mail came through our listener (Bcc'd recipients appear only here). */
  envelope?: { mailFrom?: string; rcptTo: readonly string[] };
  /** Dates further ahead than a day are a broken clock on the sender's side, not a sending time. */
  now?: Date;
}

export type EmailParseResult =
  | {
      ok: true;
      events: InboundEvent[];
      /** Attachment bytes by key, for media content whose url is `attachment:KEY`. */
      attachments: Record<string, FetchedMedia>;
      /** Why a mail gave no message events: automatic mail is never answered. */
      automatic: AutomaticKind;
    }
  | { ok: false; reason: string };

/** Parts that are transport, not content: a signature blob or a report is nothing a person can read. */
const transportParts =
  /^(application\/(x-)?pkcs7-signature|application\/pgp-signature|message\/delivery-status|text\/rfc822-headers|message\/rfc822-headers)$/i;
const maxTextChars = 65_536;

/**
 * One raw RFC 5322 message → canonical events. Pure (no I/O, no clock unless given): the shown text
 * has quoted replies and signatures cut, the full original goes in `raw`; each attachment is a media
 * message of its own with a dedupe key derived from the Message-ID; delivery reports become a failed
 * status for the mail of ours they return; auto-replies give no events at all.
 */
export async function toInboundEvents(rawMessage: Buffer, opts: EmailParseOptions): Promise<EmailParseResult> {
  if (rawMessage.length === 0) return { ok: false, reason: 'empty message' };
  let mail: ParsedMail;
  try {
    mail = await simpleParser(rawMessage, { skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    return { ok: false, reason: `not a parseable e-mail: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (mail.headerLines.length === 0) return { ok: false, reason: 'not an e-mail: no header fields' };

  const automatic = classifyAutomaticMail(mail);
  if (automatic === 'delivery_report') return { ok: true, events: deliveryReportEvents(mail), attachments: {}, automatic };

  const from = firstAddress(mail.from) ?? envelopeSender(opts.envelope?.mailFrom);
  if (!from) return { ok: false, reason: 'no From address (and no envelope sender)' };
  const address = from.address.toLowerCase();
  const dedupeKey = messageKey(mail, rawMessage);
  const references = extractMessageIds([headerText(mail, 'references') ?? '', headerText(mail, 'in-reply-to') ?? ''].join(' '));
  const inReplyTo = extractMessageIds(headerText(mail, 'in-reply-to'))[0];
  const recipients = [...addresses(mail.to), ...addresses(mail.cc), ...(opts.envelope?.rcptTo ?? [])];
  const conversationToken = findConversationToken(recipients, opts.ownAddresses);

  const base: Omit<InboundMessageEvent, 'providerMessageId' | 'content'> = {
    type: 'message',
    sender: {
      address,
      ...(from.name ? { displayName: from.name.slice(0, 256) } : {}),
      ...localeOf(headerText(mail, 'content-language')),
      identities: [{ kind: 'email', value: address, verified: readSenderVerification(mail, address, opts.trustedAuthServIds ?? []) }],
    },
    ...sentAtOf(mail.date, opts.now),
    ...(inReplyTo ? { replyToProviderMessageId: inReplyTo } : {}),
    thread: { references: references.slice(-100), ...(conversationToken ? { conversationToken } : {}) },
    // An out-of-office reply is kept for the agents, and never answered: robots must not talk to each other.
    ...(automatic === 'auto_reply' ? { automated: true } : {}),
  };

  const parts = mail.attachments.map(readPart).filter((a) => !transportParts.test(a.contentType));
  const shown = stripQuotedReply(mail.text ?? '');
  const events: InboundMessageEvent[] = [];
  if (shown.text.length > 0 || parts.length === 0) {
    const text = shown.text || mail.subject?.trim() || '';
    events.push({
      ...base,
      providerMessageId: dedupeKey,
      content: text
        ? { kind: 'text', text: text.slice(0, maxTextChars) }
        : { kind: 'unsupported', placeholder: '[empty e-mail]', providerKind: 'empty_email' },
    });
  }
  const attachments: Record<string, FetchedMedia> = {};
  parts.forEach((part, index) => {
    const key = `part-${index + 1}`;
    attachments[key] = { body: part.content, mimeType: part.contentType, ...(part.filename ? { filename: part.filename } : {}) };
    events.push({
      ...base,
      // Attachments are parts of one mail: the bot answers the mail once, not each part.
      ...(events.length === 0 ? { providerMessageId: dedupeKey } : { providerMessageId: `${dedupeKey}#${key}`, partOf: dedupeKey }),
      content: mediaContent(part, key),
    });
  });
  const [first] = events;
  if (first) first.raw = rawSummary(mail, shown.trimmed);
  return { ok: true, events, attachments, automatic: automatic === 'auto_reply' ? automatic : null };
}

function deliveryReportEvents(mail: ParsedMail): InboundEvent[] {
  const report = readDeliveryReport(mail);
  // Only a final failure says anything about our message; "delayed" means the relay keeps trying.
  if (report.action !== 'failed' || !report.originalMessageId) return [];
  return [
    {
      type: 'status',
      providerMessageId: report.originalMessageId.slice(0, 256),
      status: 'failed',
      error: {
        code: report.status ?? 'bounced',
        message: (report.diagnostic ?? "the recipient's mail server returned the message").slice(0, 2048),
      },
      ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { at: mail.date.toISOString() } : {}),
    },
  ];
}

/** An attachment as we use it: mailparser leaves fields unset on broken MIME (no type, no bytes). */
interface MailPart {
  content: Buffer;
  contentType: string;
  filename?: string;
  size: number;
}

function readPart(attachment: Attachment): MailPart {
  const content = Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.alloc(0);
  const contentType =
    typeof attachment.contentType === 'string' && attachment.contentType.includes('/')
      ? attachment.contentType.toLowerCase()
      : 'application/octet-stream';
  const filename = typeof attachment.filename === 'string' && attachment.filename.trim() ? attachment.filename.trim() : undefined;
  return { content, contentType, ...(filename ? { filename } : {}), size: content.byteLength };
}

function mediaContent(part: MailPart, key: string): InboundMessageEvent['content'] {
  return {
    kind: 'media',
    mediaType: mediaTypeOf(part.contentType),
    url: `attachment:${key}`,
    mimeType: part.contentType.slice(0, 255),
    ...(part.filename ? { filename: part.filename.slice(0, 255) } : {}),
    sizeBytes: part.size,
  };
}

function mediaTypeOf(mimeType: string): MediaType {
  const top = mimeType.split('/')[0]?.toLowerCase();
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

/** The Message-ID, or for mail without one a hash of the whole message: the same bytes dedupe. */
function messageKey(mail: ParsedMail, rawMessage: Buffer): string {
  const id = extractMessageIds(mail.messageId)[0];
  if (id && id.length <= 200) return id;
  return `sha256:${createHash('sha256')
    .update(id ?? rawMessage)
    .digest('hex')}`;
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | null {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      const candidates = entry.group ? entry.group : [entry];
      for (const c of candidates) if (c.address?.includes('@')) return { address: c.address, ...(c.name ? { name: c.name } : {}) };
    }
  }
  return null;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value.flatMap((e) => (e.group ?? [e]).map((c) => c.address ?? '')));
}

function envelopeSender(mailFrom: string | undefined): { address: string; name?: string } | null {
  return mailFrom?.includes('@') ? { address: mailFrom } : null;
}

/** Content-Language (RFC 3282) names the language the customer wrote in: the bot answers in it. */
function localeOf(value: string | undefined): { locale?: string } {
  const tag = value?.split(',')[0]?.trim();
  return tag && tag.length <= 16 && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag) ? { locale: tag } : {};
}

function sentAtOf(date: Date | undefined, now: Date | undefined): { sentAt?: string } {
  if (!date || Number.isNaN(date.getTime()) || date.getTime() < 0) return {};
  if (now && date.getTime() > now.getTime() + 24 * 3600 * 1000) return {};
  return { sentAt: date.toISOString() };
}

/** The full original beside the trimmed text: what agents open with "show original". */
function rawSummary(mail: ParsedMail, trimmed: boolean): Record<string, unknown> {
  const kept = ['authentication-results', 'auto-submitted', 'list-id', 'reply-to', 'x-mailer', 'user-agent', 'content-language'];
  const headers: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    if (kept.includes(key)) headers[key] = headers[key] ? `${headers[key]}\n${valueOf(line)}` : valueOf(line);
  }
  return {
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? null,
    from: mail.from?.text ?? null,
    to: textOf(mail.to),
    cc: textOf(mail.cc),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references ?? null,
    text: mail.text ?? null,
    html: mail.html || null,
    trimmed,
    headers,
  };
}

function textOf(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return Array.isArray(value) ? value.map((v) => v.text).join(', ') : value.text;
}

function valueOf(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
