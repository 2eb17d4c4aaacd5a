import type { ParsedMail } from 'mailparser';
import { extractMessageIds } from './extract-message-ids.ts';

/** What a delivery status notification (RFC 3464) says about one message we sent. */
export interface DeliveryReport {
  /** The Message-ID of our mail that bounced (from the returned headers), when the report carries it. */
  originalMessageId: string | null;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded` (RFC 3464 §2.3.3). */
  action: string | null;
  /** The enhanced status code (RFC 3463), e.g. 5.1.1. */
  status: string | null;
  diagnostic: string | null;
}

/**
 * Reads the per-recipient fields of a DSN and the returned message's headers. mailparser gives the
 * message/delivery-status part as text and the returned message (message/rfc822 or
 * text/rfc822-headers) as an attachment, so both are searched.
 */
export function readDeliveryReport(mail: ParsedMail): DeliveryReport {
  const fields = [
    mail.text ?? '',
    ...mail.attachments
      .filter((a) => /delivery-status/i.test(String(a.contentType)) && Buffer.isBuffer(a.content))
      .map((a) => a.content.toString('utf8')),
  ].join('\n');
  const returned = mail.attachments.find(
    (a) => /^(message\/rfc822|text\/rfc822-headers|message\/rfc822-headers)$/i.test(String(a.contentType)) && Buffer.isBuffer(a.content),
  );
  const returnedHeaders = returned ? headerSection(returned.content.toString('utf8')) : '';
  const messageIdLine = /^Message-ID:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(returnedHeaders)?.[1] ?? '';
  return {
    originalMessageId: extractMessageIds(messageIdLine)[0] ?? null,
    action: /^Action:[ \t]*([a-z]+)/im.exec(fields)?.[1]?.toLowerCase() ?? null,
    status: /^Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})/im.exec(fields)?.[1] ?? null,
    diagnostic: unfold(/^Diagnostic-Code:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(fields)?.[1] ?? '') || null,
  };
}

function headerSection(message: string): string {
  const end = message.search(/\r?\n\r?\n/);
  return end === -1 ? message : message.slice(0, end);
}

function unfold(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}
