import type Mail from 'nodemailer/lib/mailer';
import type { Content } from '@fio/contracts';
import { ChannelError, type OutboundMessage } from '@fio/channel-kit';
import type { EmailConfig } from '../definition.ts';
import { renderQuotedThread, textToHtml } from './render-quoted-thread.ts';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Our Message-ID for a stored message: stable, so a retried send is recognisably the same mail. */
export function messageIdFor(messageId: string, config: EmailConfig): string {
  return `<fio.${messageId}@${domainOf(config.address)}>`;
}

/**
 * One outbound message as a mail: From the business, Reply-To its token address (so the answer finds
 * this conversation whatever client the customer uses), threaded with In-Reply-To/References, a text
 * and an HTML part (everything escaped), the recent conversation quoted below. Bot replies say they
 * are automatic (RFC 3834), so the customer's own auto-responders stay quiet instead of looping.
 */
export function composeReplyMail(message: OutboundMessage, config: EmailConfig, attachments: readonly MailAttachment[]): Mail.Options {
  const body = bodyText(message.content);
  const thread = message.thread;
  const [local, domain] = [localOf(config.address), domainOf(config.address)];
  const replyTo = thread ? `${local}+${thread.conversationToken}@${domain}` : config.address;
  const quoted = renderQuotedThread(thread?.recent ?? [], {
    count: config.quoteRecent,
    locale: config.locale,
    timeZone: config.timeZone,
    parties: { customer: message.recipient.address, business: config.name ? `${config.name} <${config.address}>` : config.address },
  });
  const references = threadIds(thread?.providerMessageIds ?? []);
  const inReplyTo = thread?.inReplyToProviderMessageId ? threadIds([thread.inReplyToProviderMessageId])[0] : undefined;
  const headers: Record<string, string> = {};
  if (message.author === 'bot' || message.author === 'system') {
    headers['Auto-Submitted'] = 'auto-replied';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  if (config.listUnsubscribe && thread) {
    const keyword = config.locale.toLowerCase().startsWith('pt') ? 'PARAR' : 'STOP';
    headers['List-Unsubscribe'] = `<mailto:${replyTo}?subject=${keyword}>`;
  }
  return {
    from: config.name ? { name: config.name, address: config.address } : config.address,
    to: message.recipient.address,
    replyTo,
    subject: subjectFor(thread?.latestInboundRaw, config),
    messageId: messageIdFor(message.messageId, config),
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references.length > 0 ? { references: references.slice(-20) } : {}),
    date: new Date(message.view.createdAt),
    headers,
    text: quoted.text ? `${body}\n\n${quoted.text}\n` : `${body}\n`,
    html: `<!doctype html><html><body><div>${textToHtml(body)}</div>${quoted.html ? `<br>\n${quoted.html}` : ''}</body></html>`,
    attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}

/** The shown text of content the server already fitted to our capabilities (options as numbered lines). */
function bodyText(content: Content): string {
  switch (content.kind) {
    case 'text':
      return content.quickReplies?.length ? `${content.text}\n\n${numbered(content.quickReplies.map((q) => q.label))}` : content.text;
    case 'list':
      return `${content.text}\n\n${numbered(content.sections.flatMap((s) => s.rows.map((r) => r.title)))}`;
    case 'media':
      return content.caption ?? '';
    case 'template':
      if (content.fallbackText) return content.fallbackText;
      throw unsupported(`template "${content.name}" has no fallback text, and e-mail has no templates`);
    case 'location':
    case 'contact_card':
    case 'unsupported':
      throw unsupported(`${content.kind} content cannot be sent by e-mail`);
  }
}

function numbered(labels: string[]): string {
  return labels.map((label, i) => `${i + 1}. ${label}`).join('\n');
}

function unsupported(message: string): ChannelError {
  return new ChannelError({ code: 'unsupported_content', message, retryable: false });
}

/** "Re: <the customer's subject>", or a neutral subject when the conversation began elsewhere. */
function subjectFor(latestInboundRaw: unknown, config: EmailConfig): string {
  const subject = subjectOf(latestInboundRaw)?.replace(/\s+/g, ' ').trim();
  if (subject) return /^(re|res|aw|sv)\s*:/i.test(subject) ? subject : `Re: ${subject}`;
  const who = config.name ?? config.address;
  const language = config.locale.slice(0, 2).toLowerCase();
  if (language === 'pt') return `Sua conversa com ${who}`;
  if (language === 'es') return `Tu conversación con ${who}`;
  return `Your conversation with ${who}`;
}

function subjectOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('subject' in raw)) return undefined;
  return typeof raw.subject === 'string' ? raw.subject : undefined;
}

/**
 * Message-IDs fit for In-Reply-To/References: our inbound dedupe keys add `#part-N` for attachments and
 * use `sha256:` for mail that had no Message-ID; neither is a msg-id a mail client knows.
 */
function threadIds(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const bare = id.replace(/#part-\d+$/, '');
    if (/^<[^<>\s@]+@[^<>\s@]+>$/.test(bare) && !out.includes(bare)) out.push(bare);
  }
  return out;
}

function localOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
