import type { ChannelCapabilities, MessageAuthor } from '@fio/contracts';

export interface ReplyWindow {
  /** Free-form messages may go out now. */
  open: boolean;
  /** When the window closes (or closed), null when the channel has none or the customer never wrote. */
  closesAt: string | null;
  /** Why it is closed, in words an agent reads (null when open). */
  reason: string | null;
}

/**
 * Whether a channel with a customer-service window (WhatsApp's 24 hours) accepts a free-form message
 * from this author now. People get the longer human-agent window where the channel has one (Messenger's
 * 7 days); the bot never does. Counted from the customer's last message on the conversation.
 */
export function replyWindow(
  caps: Pick<ChannelCapabilities, 'replyWindowHours' | 'humanAgentReplyWindowHours'>,
  lastInboundAt: string | null,
  author: MessageAuthor,
  now: Date,
  channelName: string,
): ReplyWindow {
  if (caps.replyWindowHours === null) return { open: true, closesAt: null, reason: null };
  const hours = author === 'agent' && caps.humanAgentReplyWindowHours !== null ? caps.humanAgentReplyWindowHours : caps.replyWindowHours;
  if (!lastInboundAt) {
    return {
      open: false,
      closesAt: null,
      reason: `The customer has not written on ${channelName} yet, so only approved templates can start the conversation.`,
    };
  }
  const closes = Date.parse(lastInboundAt) + hours * 3_600_000;
  const closesAt = new Date(closes).toISOString();
  if (now.getTime() < closes) return { open: true, closesAt, reason: null };
  const ago = Math.floor((now.getTime() - Date.parse(lastInboundAt)) / 3_600_000);
  return {
    open: false,
    closesAt,
    reason: `The customer's last message on ${channelName} was ${ago} hours ago; ${channelName} accepts only approved templates more than ${hours} hours after it. Send a template, or wait for the customer to write again.`,
  };
}
