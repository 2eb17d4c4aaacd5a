import { ChannelError } from '@fio/channel-kit';

/**
 * SMTP failures as coded channel errors. SMTP's own rule decides retries: a 4xx reply is transient
 * (greylisting, a full queue, 421 shutting down), a 5xx is permanent; a refused recipient (550/551/553
 * at RCPT TO, or an enhanced 5.1.x status) means the address is wrong, which agents must see.
 */
export function channelErrorFromSmtp(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const fields = readFields(error);
  const reply = fields.response ?? fields.message;
  const providerCode = fields.responseCode !== undefined ? String(fields.responseCode) : fields.code;
  const message = `SMTP ${fields.command ? `${fields.command} ` : ''}failed: ${reply}`.slice(0, 1000);
  const status = fields.responseCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new ChannelError({ code: 'provider_unavailable', message, retryable: true, providerCode, cause: error });
  }
  if (status !== undefined && status >= 500) {
    if (status === 530 || status === 535 || fields.code === 'EAUTH') {
      return new ChannelError({ code: 'unauthorized', message, retryable: false, providerCode, cause: error });
    }
    const refusedRecipient =
      /^RCPT/i.test(fields.command ?? '') ||
      /\b5\.1\.\d\b/.test(reply) ||
      /user unknown|no such (user|mailbox)|mailbox (unavailable|not found)|does not exist/i.test(reply);
    if (refusedRecipient || status === 551) {
      return new ChannelError({ code: 'recipient_unreachable', message, retryable: false, providerCode, cause: error });
    }
    return new ChannelError({ code: 'rejected', message, retryable: false, providerCode, cause: error });
  }
  switch (fields.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new ChannelError({ code: 'unauthorized', message, retryable: false, providerCode, cause: error });
    case 'ETIMEDOUT':
      return new ChannelError({ code: 'timeout', message, retryable: true, providerCode, cause: error });
    case 'EENVELOPE':
      return new ChannelError({ code: 'recipient_unreachable', message, retryable: false, providerCode, cause: error });
    default:
      // ECONNECTION, ESOCKET, EDNS, ECONNREFUSED, a dropped TLS handshake: the relay may be back soon.
      return new ChannelError({ code: 'network_error', message, retryable: true, providerCode, cause: error });
  }
}

interface SmtpErrorFields {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

function readFields(error: unknown): SmtpErrorFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: SmtpErrorFields = { message: error.message };
  const bag: object = error;
  if ('code' in bag && typeof bag.code === 'string') fields.code = bag.code;
  if ('responseCode' in bag && typeof bag.responseCode === 'number') fields.responseCode = bag.responseCode;
  if ('response' in bag && typeof bag.response === 'string') fields.response = bag.response;
  if ('command' in bag && typeof bag.command === 'string') fields.command = bag.command;
  return fields;
}
