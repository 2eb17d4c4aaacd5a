import type { ParsedMail } from 'mailparser';

/**
 * Mail no person wrote: a delivery report about mail we sent (RFC 3464), or an automatic answer
 * (RFC 3834 `Auto-Submitted`, the vendors' X-Autoreply/X-Autorespond, `Precedence: bulk|junk|list`).
 * RFC 3834 forbids answering automatic mail; answering it is how two robots end up mailing each
 * other forever, so the pipeline must never see these as customer messages.
 */
export type AutomaticKind = 'delivery_report' | 'auto_reply' | null;

export function classifyAutomaticMail(mail: ParsedMail): AutomaticKind {
  const contentType = mail.headers.get('content-type');
  if (isStructured(contentType) && contentType.value.toLowerCase() === 'multipart/report') {
    const reportType = contentType.params['report-type']?.toLowerCase();
    if (reportType === 'delivery-status') return 'delivery_report';
  }
  const autoSubmitted = headerText(mail, 'auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.trim().toLowerCase() !== 'no') return 'auto_reply';
  if (headerText(mail, 'x-autoreply') !== undefined || headerText(mail, 'x-autorespond') !== undefined) return 'auto_reply';
  const precedence = headerText(mail, 'precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list' || precedence === 'auto_reply') return 'auto_reply';
  return null;
}

function isStructured(value: unknown): value is { value: string; params: Record<string, string | undefined> } {
  return typeof value === 'object' && value !== null && 'value' in value && typeof value.value === 'string' && 'params' in value;
}

/** A header's value as text (mailparser gives structured values for some headers). */
export function headerText(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : '')).join(', ');
  if (isStructured(value)) return value.value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
