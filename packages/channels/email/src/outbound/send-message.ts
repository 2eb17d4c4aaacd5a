import type { OutboundMessage, SendContext, SendResult } from '@fio/channel-kit';
import type { EmailConfig, EmailSecrets } from '../definition.ts';
import { composeReplyMail, messageIdFor, type MailAttachment } from './compose-reply-mail.ts';
import { fetchAttachment } from './fetch-attachment.ts';
import { channelErrorFromSmtp } from './smtp-error.ts';
import type { SmtpTransportPool } from './smtp-transport-pool.ts';

/**
 * Sends one message as a mail through the connection's SMTP relay. The relay's 250 means it took
 * responsibility for the mail ("sent"); delivery reports that come back later mark it failed.
 */
export async function sendMessage(
  pool: SmtpTransportPool,
  message: OutboundMessage,
  ctx: SendContext<EmailConfig, EmailSecrets>,
): Promise<SendResult> {
  const attachments: MailAttachment[] =
    message.content.kind === 'media' ? [await fetchAttachment(message.content, ctx.fetch, ctx.config.smtp.timeoutMs)] : [];
  const mail = composeReplyMail(message, ctx.config, attachments);
  try {
    await pool.send(ctx.connectionId, ctx.config, ctx.secrets, mail);
  } catch (error) {
    throw channelErrorFromSmtp(error);
  }
  return { providerMessageId: messageIdFor(message.messageId, ctx.config), status: 'sent' };
}
