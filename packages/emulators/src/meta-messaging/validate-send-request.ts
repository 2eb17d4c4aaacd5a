/**
 * The Send API's documented validation, as the emulator applies it to `POST /{version}/me/messages`:
 * required fields, text length (Messenger 2,000 characters; Instagram 1,000 UTF-8 bytes), at most 13
 * quick replies of at most 20 characters, attachment types. Answers Graph's `(#100)` error shape.
 */
export type Platform = 'messenger' | 'instagram';

export interface SendRequest {
  recipientId: string;
  messagingType: string;
  tag: string | undefined;
  text: string | undefined;
  quickReplies: { title: string; payload: string }[];
  attachment: { type: string; url: string } | undefined;
  senderAction: string | undefined;
}

export interface GraphErrorBody {
  error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string };
}

export type Validated = { ok: true; request: SendRequest } | { ok: false; status: number; body: GraphErrorBody };

const attachmentTypes = new Set(['image', 'audio', 'video', 'file']);
const messagingTypes = new Set(['RESPONSE', 'UPDATE', 'MESSAGE_TAG']);
const senderActions = new Set(['typing_on', 'typing_off', 'mark_seen']);

export function graphError(code: number, message: string, subcode?: number, type = 'OAuthException'): GraphErrorBody {
  return {
    error: { message, type, code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'AemuFbTrace0000' },
  };
}

export function validateSendRequest(json: unknown, platform: Platform): Validated {
  const bad = (message: string, subcode?: number): Validated => ({
    ok: false,
    status: 400,
    body: graphError(100, `(#100) ${message}`, subcode),
  });
  if (!isObject(json)) return bad('The request body must be a JSON object');
  const recipient = json['recipient'];
  const recipientId = isObject(recipient) ? recipient['id'] : undefined;
  if (typeof recipientId !== 'string' || recipientId === '') return bad('The parameter recipient is required');

  const senderAction = json['sender_action'];
  if (senderAction !== undefined) {
    if (typeof senderAction !== 'string' || !senderActions.has(senderAction))
      return bad('Param sender_action must be one of {typing_on, typing_off, mark_seen}');
    return {
      ok: true,
      request: {
        recipientId,
        messagingType: 'RESPONSE',
        tag: undefined,
        text: undefined,
        quickReplies: [],
        attachment: undefined,
        senderAction,
      },
    };
  }

  const messagingType = json['messaging_type'];
  if (typeof messagingType !== 'string' || !messagingTypes.has(messagingType)) {
    return bad('Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
  }
  const tag = json['tag'];
  if (messagingType === 'MESSAGE_TAG' && typeof tag !== 'string') return bad('Param tag is required when messaging_type is MESSAGE_TAG');

  const message = json['message'];
  if (!isObject(message)) return bad('The parameter message is required');
  const text = message['text'];
  const attachment = message['attachment'];
  if ((text === undefined) === (attachment === undefined)) return bad('Exactly one of message[text] and message[attachment] is required');

  if (text !== undefined) {
    if (typeof text !== 'string' || text.trim() === '') return bad('Param message[text] must be a non-empty UTF-8 encoded string');
    if (platform === 'messenger' && text.length > 2000) return bad('Length of param message[text] must be less than or equal to 2000');
    if (platform === 'instagram' && Buffer.byteLength(text, 'utf8') > 1000) {
      return bad('Length of param message[text] must be less than or equal to 1000 bytes');
    }
  }
  const quickReplies: { title: string; payload: string }[] = [];
  const offered = message['quick_replies'];
  if (offered !== undefined) {
    if (!Array.isArray(offered)) return bad('Param message[quick_replies] must be an array');
    if (offered.length > 13) return bad('param message[quick_replies] must have at most 13 elements');
    for (const [index, reply] of offered.entries()) {
      if (!isObject(reply) || reply['content_type'] !== 'text')
        return bad(`param message[quick_replies][${index}][content_type] must be "text"`);
      const title = reply['title'];
      const payload = reply['payload'];
      if (typeof title !== 'string' || title === '') return bad(`param message[quick_replies][${index}][title] is required`);
      if (title.length > 20) return bad(`param message[quick_replies][${index}][title] must be at most 20 characters`);
      if (typeof payload !== 'string' || payload === '' || payload.length > 1000) {
        return bad(`param message[quick_replies][${index}][payload] must be a string of 1 to 1000 characters`);
      }
      quickReplies.push({ title, payload });
    }
  }
  let parsedAttachment: SendRequest['attachment'];
  if (attachment !== undefined) {
    const type = isObject(attachment) ? attachment['type'] : undefined;
    const payload = isObject(attachment) ? attachment['payload'] : undefined;
    if (typeof type !== 'string' || !attachmentTypes.has(type))
      return bad('param message[attachment][type] must be one of {image, audio, video, file}');
    const url = isObject(payload) ? payload['url'] : undefined;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return bad('param message[attachment][payload][url] must be a valid URL');
    parsedAttachment = { type, url };
  }
  return {
    ok: true,
    request: {
      recipientId,
      messagingType,
      tag: typeof tag === 'string' ? tag : undefined,
      text: typeof text === 'string' ? text : undefined,
      quickReplies,
      attachment: parsedAttachment,
      senderAction: undefined,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
