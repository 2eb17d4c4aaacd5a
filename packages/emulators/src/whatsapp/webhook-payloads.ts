import { createHmac, randomBytes } from 'node:crypto';

/**
 * The webhook bodies Meta posts for a WhatsApp Business Account (the "messages" field), and their
 * signature: `X-Hub-Signature-256: sha256=` HMAC-SHA256 of the exact body with the app secret. Meta
 * escapes non-ASCII characters as \uXXXX in what it signs, so this does too.
 */
export interface BusinessNumber {
  businessAccountId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export interface CustomerSender {
  /** Phone digits (wa_id) when the customer shows the number. */
  waId?: string;
  /** Business-scoped user id, always present on current payloads when known. */
  userId?: string;
  name?: string;
}

export function newMessageId(): string {
  return `wamid.${randomBytes(24).toString('base64url')}`;
}

export function messagesWebhook(number: BusinessNumber, value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** `value` for one customer message: the sender's profile in contacts[], the message in messages[]. */
export function customerMessageValue(
  sender: CustomerSender,
  message: Record<string, unknown> & { id: string; type: string },
  at: Date,
): Record<string, unknown> {
  const contact = {
    profile: { name: sender.name ?? 'Cliente' },
    ...(sender.waId ? { wa_id: sender.waId } : {}),
    ...(sender.userId ? { user_id: sender.userId } : {}),
  };
  return {
    contacts: [contact],
    messages: [
      {
        ...(sender.waId ? { from: sender.waId } : {}),
        ...(sender.userId ? { from_user_id: sender.userId } : {}),
        timestamp: String(Math.floor(at.getTime() / 1000)),
        ...message,
      },
    ],
  };
}

export interface WhatsAppStatusError {
  code: number;
  title: string;
  details?: string;
}

export function statusValue(
  messageId: string,
  recipient: string,
  status: string,
  at: Date,
  error?: WhatsAppStatusError,
): Record<string, unknown> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const base: Record<string, unknown> = { id: messageId, status, timestamp, recipient_id: recipient };
  if (status !== 'failed') {
    base.pricing = { billable: true, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
    return { statuses: [base] };
  }
  const failure = error ?? { code: 131000, title: 'Something went wrong' };
  base.errors = [
    {
      code: failure.code,
      title: failure.title,
      message: failure.title,
      error_data: { details: failure.details ?? failure.title },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    },
  ];
  return { statuses: [base] };
}

/** The body as Meta sends it (ASCII only) and its signature header. */
export function signWebhook(payload: unknown, appSecret: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const signature = createHmac('sha256', appSecret).update(body).digest('hex');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}`, 'user-agent': 'facebookexternalua' },
  };
}
