import { ChannelError } from '@fio/channel-kit';
import type { MessageAuthor } from '@fio/contracts';

export type MessagingType = { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' };

export interface WindowInput {
  /** ISO time of the customer's last message on this connection; null = never; undefined = not told. */
  lastInboundAt: string | null | undefined;
  author: MessageAuthor | undefined;
  now: Date;
  replyWindowHours: number;
  humanAgentReplyWindowHours: number;
  product: string;
}

const hour = 3_600_000;

/**
 * Meta's messaging windows: a standard reply (RESPONSE) within 24 hours of the customer's last message;
 * after that only a person may answer, tagged HUMAN_AGENT, until 7 days; anything else is refused here,
 * before the call, with the reason. When the server did not say when the customer last wrote, the
 * message goes as a RESPONSE and Meta judges (its refusal maps to `outside_reply_window` too).
 */
export function chooseMessagingType(input: WindowInput): MessagingType {
  if (input.lastInboundAt === undefined) return { messaging_type: 'RESPONSE' };
  const last = input.lastInboundAt === null ? Number.NaN : Date.parse(input.lastInboundAt);
  if (Number.isNaN(last)) {
    throw new ChannelError({
      code: 'outside_reply_window',
      message: `${input.product} only lets a business answer a person who wrote first, and this customer has not written on this connection`,
      retryable: false,
    });
  }
  const ageHours = (input.now.getTime() - last) / hour;
  if (ageHours <= input.replyWindowHours) return { messaging_type: 'RESPONSE' };
  if (input.author === 'agent' && ageHours <= input.humanAgentReplyWindowHours)
    return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  const days = input.humanAgentReplyWindowHours / 24;
  const message =
    input.author === 'agent'
      ? `the customer's last message is ${Math.floor(ageHours / 24)} days old: ${input.product} lets a person answer for ${days} days (HUMAN_AGENT tag), no longer`
      : `the customer's last message is ${Math.floor(ageHours)} hours old: ${input.product} allows automated replies for ${input.replyWindowHours} hours; only a person can answer now (for up to ${days} days)`;
  throw new ChannelError({ code: 'outside_reply_window', message, retryable: false });
}
