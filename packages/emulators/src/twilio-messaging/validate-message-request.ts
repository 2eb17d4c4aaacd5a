/**
 * The Messages API's documented validation of a create-message request, in the order Twilio applies it,
 * with its error codes (https://www.twilio.com/docs/api/errors/<code>).
 */
export interface TwilioApiError {
  status: number;
  code: number;
  message: string;
}

export interface MessageRequest {
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  mediaUrls: string[];
  statusCallback: string | null;
}

export interface SenderRules {
  numbers: readonly string[];
  messagingServiceSids: readonly string[];
  /** Whether `to` has texted an opt-out keyword to this sender. */
  isUnsubscribed(sender: string, to: string): boolean;
}

const phone = /^\+[1-9]\d{6,14}$/;
const whatsappAddress = /^whatsapp:(\+[1-9]\d{6,14}|[A-Z]{2}\.[A-Za-z0-9]+)$/;

export function readMessageRequest(form: URLSearchParams): MessageRequest {
  return {
    to: form.get('To') ?? '',
    from: form.get('From'),
    messagingServiceSid: form.get('MessagingServiceSid'),
    body: form.get('Body') ?? '',
    mediaUrls: form.getAll('MediaUrl'),
    statusCallback: form.get('StatusCallback'),
  };
}

export function validateMessageRequest(req: MessageRequest, rules: SenderRules): TwilioApiError | null {
  if (!req.to) return { status: 400, code: 21604, message: "A 'To' phone number is required." };
  if (!req.from && !req.messagingServiceSid) return { status: 400, code: 21603, message: "A 'From' phone number is required." };
  if (!req.body && req.mediaUrls.length === 0) return { status: 400, code: 21602, message: 'Message body is required.' };
  if (!phone.test(req.to) && !whatsappAddress.test(req.to)) {
    return { status: 400, code: 21211, message: `The 'To' number ${req.to} is not a valid phone number.` };
  }
  if (req.messagingServiceSid && !rules.messagingServiceSids.includes(req.messagingServiceSid)) {
    return { status: 400, code: 21701, message: `The Messaging Service Sid ${req.messagingServiceSid} is invalid.` };
  }
  if (req.from && !req.messagingServiceSid && !rules.numbers.includes(req.from)) {
    return {
      status: 400,
      code: 21606,
      message: `The From phone number ${req.from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
    };
  }
  const sender = req.messagingServiceSid ?? req.from ?? '';
  if (req.from && req.from.startsWith('whatsapp:') !== req.to.startsWith('whatsapp:')) {
    return { status: 400, code: 21910, message: 'Invalid From and To pair. From and To should be of the same channel.' };
  }
  if ([...req.body].length > 1600) {
    return { status: 400, code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' };
  }
  if (req.mediaUrls.length > 10) return { status: 400, code: 21623, message: 'The number of media files exceeds 10.' };
  if (req.mediaUrls.some((url) => !/^https?:\/\/\S+$/i.test(url))) {
    return { status: 400, code: 21620, message: 'Invalid media URL(s).' };
  }
  if (rules.isUnsubscribed(sender, req.to)) {
    return { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' };
  }
  return null;
}

/** SMS segments as Twilio bills them (GSM-7 160/153, otherwise UCS-2 70/67); WhatsApp has none. */
export function countSegments(body: string): number {
  // The GSM 03.38 alphabet and its extension table (each extension character costs two septets).
  const basic =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const extension = '\f^{}\\[~]|€';
  const chars = [...body];
  const gsm = chars.every((c) => basic.includes(c) || extension.includes(c));
  const length = gsm ? chars.reduce((n, c) => n + (extension.includes(c) ? 2 : 1), 0) : body.length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
}

const restErrors: Readonly<Record<number, [number, string]>> = {
  401: [20003, 'Authenticate'],
  404: [20404, 'The requested resource was not found'],
  429: [20429, 'Too Many Requests'],
  500: [20500, 'Internal Server Error'],
  503: [20503, 'Service Unavailable'],
};

/** Twilio's error body for a status a test injects (failNext). */
export function injectedErrorBody(status: number): string {
  const [code, message] = restErrors[status] ?? [status, 'Injected failure'];
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}
