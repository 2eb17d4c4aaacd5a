import { ChannelError, renderOptionsAsText, type OutboundMessage, type SendContext, type SendResult } from '@fio/channel-kit';
import type { Content } from '@fio/contracts';
import type { VoiceConfig, VoiceSecrets } from '../definition.ts';
import { replyTwiml, type ReplyMode } from '../twiml/voice-twiml.ts';
import { updateCall } from './calls-api-client.ts';

/**
 * Speaks one reply into the live call (the recipient address is its CallSid) by replacing the call's
 * TwiML: the text, then listening again. When the bot hands the conversation to people the call is
 * dialled to the team; when the conversation is resolved, goodbye and hang up.
 */
export async function sendMessage(message: OutboundMessage, ctx: SendContext<VoiceConfig, VoiceSecrets>): Promise<SendResult> {
  const text = spokenText(message.content, ctx.config);
  if (!ctx.webhookUrl) {
    throw new ChannelError({
      code: 'rejected',
      message: "Fio's public URL is unknown (set FIO_PUBLIC_URL): the call could not be told where to send what the caller says next",
      retryable: false,
    });
  }
  const twiml = replyTwiml({ config: ctx.config, webhookUrl: ctx.webhookUrl }, message.messageId, text, replyMode(message));
  const callSid = await updateCall({
    apiBaseUrl: ctx.config.apiBaseUrl,
    accountSid: ctx.config.accountSid,
    authToken: ctx.secrets.authToken,
    fetch: ctx.fetch,
    now: ctx.now,
    callSid: message.recipient.address,
    twiml,
  });
  // A call carries many replies: the provider id names the call and this reply. A successful update
  // is already playing to the caller, so it counts as delivered.
  return { providerMessageId: `${callSid}/${message.messageId}`, status: 'delivered' };
}

function replyMode(message: OutboundMessage): ReplyMode {
  switch (message.conversationStatus) {
    case 'resolved':
      return 'goodbye';
    case 'queued':
    case 'assigned':
      // An agent typing into the call is read out; only the bot's handoff dials the team.
      if (message.author === 'agent') return 'converse';
      return 'dial';
    case 'bot':
    case undefined:
      return 'converse';
  }
}

/** Text is spoken; options that reached us unfitted are read out the way the server would have fitted them. */
function spokenText(content: Content, config: VoiceConfig): string {
  switch (content.kind) {
    case 'text': {
      const options = (content.quickReplies ?? []).map((reply) => ({ label: reply.label }));
      return renderOptionsAsText(content.text, options, 'spoken', config.language);
    }
    case 'list': {
      const options = content.sections.flatMap((section) => section.rows.map((row) => ({ label: row.title })));
      return renderOptionsAsText(content.text, options, 'spoken', config.language);
    }
    case 'template':
      if (content.fallbackText) return content.fallbackText;
      throw unsupported('a template without fallback text');
    case 'media':
    case 'location':
    case 'contact_card':
    case 'unsupported':
      throw unsupported(`${content.kind} content`);
  }
}

function unsupported(what: string): ChannelError {
  return new ChannelError({ code: 'unsupported_content', message: `a phone call can only speak text, not ${what}`, retryable: false });
}
