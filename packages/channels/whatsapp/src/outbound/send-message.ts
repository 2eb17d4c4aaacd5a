import { ChannelError, type OutboundMessage, type SendContext, type SendResult } from '@fio/channel-kit';
import type { WhatsAppConfig, WhatsAppSecrets } from '../definition.ts';
import { recipientField } from '../whatsapp-address.ts';
import { renderMessage } from './render-message.ts';
import { postMessage } from './whatsapp-api-client.ts';

/** A reply this long after the customer's message quotes it, so the customer sees what it answers. */
const quoteAfterMs = 10 * 60 * 1000;

/**
 * Sends one message through `POST /{version}/{phone-number-id}/messages`. The 24-hour window is
 * Meta's to enforce too: error 131047 comes back as outside_reply_window with Meta's words.
 */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<WhatsAppConfig, WhatsAppSecrets>): Promise<SendResult> {
  const recipient = recipientField(message.recipient.address);
  if (recipient === null) {
    throw new ChannelError({
      code: 'recipient_unreachable',
      message: `"${message.recipient.address.slice(0, 40)}" is neither a WhatsApp phone number nor a business-scoped user id`,
      retryable: false,
    });
  }
  const part = renderMessage(message.content);
  const quoted = quotedMessageId(message, ctx.now());
  const body = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipient,
    ...(quoted ? { context: { message_id: quoted } } : {}),
    ...part,
  };
  const providerMessageId = await postMessage(
    {
      apiBaseUrl: ctx.config.apiBaseUrl,
      apiVersion: ctx.config.apiVersion,
      accessToken: ctx.secrets.accessToken,
      fetch: ctx.fetch,
      now: ctx.now(),
    },
    ctx.config.phoneNumberId,
    body,
  );
  // Meta answers once it has accepted the message; "sent" comes later as a status webhook.
  return { providerMessageId, status: 'sent' };
}

/** The customer's latest message, when this reply comes long after it (a late agent answer). */
function quotedMessageId(message: OutboundMessage, now: Date): string | undefined {
  const thread = message.thread;
  const latest = thread?.inReplyToProviderMessageId;
  if (!thread || !latest) return undefined;
  const view = thread.recent.find((m) => m.providerMessageId === latest && m.direction === 'inbound');
  if (!view) return undefined;
  return now.getTime() - Date.parse(view.createdAt) >= quoteAfterMs ? latest : undefined;
}
