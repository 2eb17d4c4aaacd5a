import { countSegments } from './validate-message-request.ts';

type Form = [string, string][];

export interface IncomingMessageForm {
  accountSid: string;
  messageSid: string;
  /** The customer: `+E.164`, or `whatsapp:+E.164` on Twilio's WhatsApp sender. */
  from: string;
  /** The business's number that received it. */
  to: string;
  body: string;
  media?: { contentType: string; url: string };
  profileName?: string;
  /** `STOP` or `START` when the body was an opt-out or opt-in keyword (Advanced Opt-Out). */
  optOutType?: string;
}

/**
 * The incoming-message webhook's parameters in the order Twilio sends them (geographic fields first,
 * MessageSid, AccountSid, From and ApiVersion last), with the WhatsApp extras for WhatsApp senders.
 */
export function incomingMessageForm(m: IncomingMessageForm): Form {
  const whatsapp = m.from.startsWith('whatsapp:');
  const form: Form = [
    ['ToCountry', countryOf(m.to)],
    ['ToState', ''],
    ['SmsMessageSid', m.messageSid],
    ['NumMedia', m.media ? '1' : '0'],
    ['ToCity', ''],
    ['FromZip', ''],
    ['SmsSid', m.messageSid],
    ['FromState', ''],
    ['SmsStatus', 'received'],
    ['FromCity', ''],
    ['Body', m.body],
    ['FromCountry', countryOf(m.from)],
    ['To', m.to],
    ['ToZip', ''],
    ['NumSegments', String(whatsapp ? 1 : countSegments(m.body))],
  ];
  if (m.media) form.push(['MediaContentType0', m.media.contentType], ['MediaUrl0', m.media.url]);
  if (whatsapp) {
    if (m.profileName) form.push(['ProfileName', m.profileName]);
    form.push(['WaId', m.from.replace(/^whatsapp:\+?/, '')]);
  }
  if (m.optOutType) form.push(['OptOutType', m.optOutType]);
  form.push(['MessageSid', m.messageSid], ['AccountSid', m.accountSid], ['From', m.from], ['ApiVersion', '2010-04-01']);
  return form;
}

export interface StatusCallbackForm {
  accountSid: string;
  messageSid: string;
  status: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  /** Twilio's error code for undelivered and failed messages. */
  errorCode?: string;
}

/** A status callback's parameters as Twilio posts them to the message's StatusCallback. */
export function statusCallbackForm(c: StatusCallbackForm): Form {
  const form: Form = [
    ['SmsSid', c.messageSid],
    ['SmsStatus', c.status],
    ['MessageStatus', c.status],
    ['To', c.to],
  ];
  if (c.messagingServiceSid) form.push(['MessagingServiceSid', c.messagingServiceSid]);
  form.push(['MessageSid', c.messageSid], ['AccountSid', c.accountSid]);
  if (c.from) form.push(['From', c.from]);
  if (c.errorCode) form.push(['ErrorCode', c.errorCode]);
  form.push(['ApiVersion', '2010-04-01']);
  return form;
}

function countryOf(address: string): string {
  const phone = address.replace(/^whatsapp:/, '');
  if (phone.startsWith('+55')) return 'BR';
  if (phone.startsWith('+1')) return 'US';
  if (phone.startsWith('+351')) return 'PT';
  return '';
}
