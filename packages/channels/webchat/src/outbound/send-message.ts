import { ChannelError, type OutboundMessage, type SendContext, type SendResult } from '@fio/channel-kit';
import type { WebchatConfig, WebchatSecrets } from '../definition.ts';

/**
 * Pushes the stored message to the visitor's live sockets. With no socket open it is still 'sent':
 * it is in the history the widget loads when it reconnects.
 */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<WebchatConfig, WebchatSecrets>): Promise<SendResult> {
  let sockets: number;
  try {
    sockets = ctx.realtime.push(ctx.connectionId, message.recipient.address, { type: 'message', message: message.view });
  } catch (error) {
    throw new ChannelError({
      code: 'provider_unavailable',
      message: `could not push to the widget: ${error instanceof Error ? error.message : String(error)}`,
      retryable: true,
      cause: error,
    });
  }
  return { providerMessageId: message.messageId, status: sockets > 0 ? 'delivered' : 'sent' };
}
