import type { MessageView } from '@fio/contracts';

/** Who wrote an earlier message, as the quote header names them. */
export interface QuoteParties {
  customer: string;
  business: string;
}

export interface QuotedThread {
  text: string;
  html: string;
}

/**
 * The conversation's last few messages below a reply, newest first, the way mail clients quote:
 * "Em 3 de mar. de 2026 10:00, Maria <maria@x> escreveu:" then the message as `>` lines (text part) or
 * a cite blockquote (HTML part). Someone reading the mail in any client sees what the reply answers,
 * even when the earlier part of the thread happened on WhatsApp or the website chat.
 */
export function renderQuotedThread(
  recent: readonly MessageView[],
  opts: { count: number; locale: string; timeZone: string; parties: QuoteParties },
): QuotedThread {
  if (opts.count <= 0) return { text: '', html: '' };
  const quoted = recent
    .filter((m) => m.text.trim().length > 0)
    .slice(-opts.count)
    .reverse();
  if (quoted.length === 0) return { text: '', html: '' };
  const date = new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: opts.timeZone });
  const blocks = quoted.map((m) => {
    const who = m.direction === 'inbound' ? opts.parties.customer : opts.parties.business;
    const header = attribution(opts.locale, date.format(new Date(m.createdAt)), who);
    return { header, body: m.text.trim() };
  });
  const text = blocks
    .map(
      (b) =>
        `${b.header}\n${b.body
          .split('\n')
          .map((l) => (l ? `> ${l}` : '>'))
          .join('\n')}`,
    )
    .join('\n\n');
  const html = blocks
    .map(
      (b) =>
        `<div>${escapeHtml(b.header)}</div>` +
        `<blockquote type="cite" style="margin:0 0 1em .8ex;border-left:1px solid #ccc;padding-left:1ex">${textToHtml(b.body)}</blockquote>`,
    )
    .join('\n');
  return { text, html };
}

/** The reply header in the reader's language (pt, es, else en). */
function attribution(locale: string, date: string, who: string): string {
  const language = locale.slice(0, 2).toLowerCase();
  if (language === 'pt') return `Em ${date}, ${who} escreveu:`;
  if (language === 'es') return `El ${date}, ${who} escribió:`;
  return `On ${date}, ${who} wrote:`;
}

/** Plain text as HTML: everything escaped (message content is never markup), line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
