import type { OutboundMessage, SendResult } from '@fio/channel-kit';
import type { ChannelCapabilities } from '@fio/contracts';
import { buildMessageBodies } from './build-message-bodies.ts';
import { chooseMessagingType } from './choose-messaging-type.ts';
import { postGraph } from './graph-api-client.ts';

export interface MetaSendTarget {
  product: string;
  apiBaseUrl: string;
  apiVersion: string;
  accessToken: string;
  capabilities: ChannelCapabilities;
  maxTextBytes?: number;
  fetch: typeof fetch;
  now: Date;
}

/**
 * Sends one fitted message through the Send API: `POST {base}/{version}/me/messages` (the token names
 * the Page or Instagram account), RESPONSE inside 24 hours, HUMAN_AGENT for a person's reply up to
 * 7 days, refused before any call otherwise. A caption is a second call before the attachment; the
 * attachment's id is the one reported (delivery receipts name it).
 */
export async function sendMetaMessage(message: OutboundMessage, target: MetaSendTarget): Promise<SendResult> {
  const bodies = buildMessageBodies(message.content, { capabilities: target.capabilities, maxTextBytes: target.maxTextBytes });
  const messagingType = chooseMessagingType({
    lastInboundAt: message.lastInboundAt,
    author: message.author,
    now: target.now,
    replyWindowHours: target.capabilities.replyWindowHours ?? 24,
    humanAgentReplyWindowHours: target.capabilities.humanAgentReplyWindowHours ?? 168,
    product: target.product,
  });
  const url = `${target.apiBaseUrl.replace(/\/+$/, '')}/${target.apiVersion}/me/messages`;
  let providerMessageId = '';
  for (const body of bodies) {
    const answer = await postGraph(
      { url, accessToken: target.accessToken, fetch: target.fetch, now: target.now },
      { recipient: { id: message.recipient.address }, ...messagingType, message: body },
    );
    providerMessageId = readMessageId(answer) ?? '';
  }
  // A 2xx without a message id was still accepted by Meta: sending again would duplicate it, so the
  // message counts as sent under our own id (no receipt will name it).
  return { providerMessageId: providerMessageId || `fio:${message.messageId}`.slice(0, 256), status: 'sent' };
}

function readMessageId(answer: unknown): string | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const id: unknown = Reflect.get(answer, 'message_id');
  return typeof id === 'string' && id.length > 0 && id.length <= 256 ? id : undefined;
}
