// E-mail (@fio/channel-email): mail arrives through Fio's SMTP listener and/or IMAP polling, is parsed
// into canonical events (quoted replies cut, the original kept), and replies leave through the
// business's SMTP relay, threaded. Knows nothing of Fio's engine; imports only contracts and channel-kit.
import { defineChannel, type AnyChannelAdapter, type ChannelAdapter } from '@fio/channel-kit';
import { emailDefinition, type EmailConfig, type EmailSecrets } from './definition.ts';
import { startReceiver } from './inbound/start-receiver.ts';
import { sendMessage } from './outbound/send-message.ts';
import { createSmtpTransportPool } from './outbound/smtp-transport-pool.ts';

export interface EmailChannel extends ChannelAdapter<EmailConfig, EmailSecrets> {
  /** Closes the pooled SMTP connections (they also close on their own after a quiet spell). */
  closeConnections(): void;
}

/** An e-mail adapter with its own SMTP connection pool (one transport per connection inside). */
export function createEmailChannel(opts: { idleCloseMs?: number } = {}): EmailChannel {
  const pool = createSmtpTransportPool(opts);
  return {
    ...defineChannel<EmailConfig, EmailSecrets>({
      definition: emailDefinition,
      sendMessage: (message, ctx) => sendMessage(pool, message, ctx),
      startReceiver,
      close: () => {
        pool.closeAll();
        return Promise.resolve();
      },
    }),
    closeConnections: () => pool.closeAll(),
  };
}

export const emailChannel = createEmailChannel();

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [emailChannel];

export { emailDefinition, emailConfigSchema, emailSecretsSchema, emailCapabilities } from './definition.ts';
export type { EmailConfig, EmailSecrets } from './definition.ts';
export { toInboundEvents } from './inbound/to-inbound-events.ts';
export type { EmailParseOptions, EmailParseResult } from './inbound/to-inbound-events.ts';
export { stripQuotedReply } from './inbound/strip-quoted-reply.ts';
export { composeReplyMail, messageIdFor } from './outbound/compose-reply-mail.ts';
