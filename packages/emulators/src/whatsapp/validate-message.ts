/**
 * The Cloud API's checks on `POST /{version}/{phone-number-id}/messages`, answered with Graph's
 * documented error shapes: (#100) for missing or malformed parameters, (#131009) for values out of
 * range (too many buttons, titles too long), (#131008) for a required parameter missing.
 */
export interface GraphErrorBody {
  status: number;
  code: number;
  message: string;
  details?: string;
  subcode?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const invalidParam = (what: string): GraphErrorBody => ({ status: 400, code: 100, message: `(#100) ${what}` });
const missing = (param: string): GraphErrorBody => ({
  status: 400,
  code: 131008,
  message: '(#131008) Required parameter is missing',
  details: `The parameter ${param} is required.`,
});
const badValue = (details: string): GraphErrorBody => ({
  status: 400,
  code: 131009,
  message: '(#131009) Parameter value is not valid',
  details,
});

/** Null when the message is one the Cloud API accepts. */
export function validateMessage(body: Json): GraphErrorBody | null {
  if (body.messaging_product !== 'whatsapp') return invalidParam('The parameter messaging_product is required and must be "whatsapp".');
  const to = str(body.to);
  const recipient = str(body.recipient);
  if (!to && !recipient) return invalidParam('The parameter to is required.');
  if (to && !/^\+?\d{6,15}$/.test(to)) return invalidParam(`Invalid parameter to: "${to}" is not a phone number.`);
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual')
    return invalidParam('recipient_type must be "individual".');
  if (body.context !== undefined && !(isObject(body.context) && str(body.context.message_id))) return missing('context.message_id');
  const type = str(body.type) ?? 'text';
  if (type === 'contacts') return validateContacts(body);
  const part = body[type];
  if (!isObject(part)) return missing(type);
  switch (type) {
    case 'text':
      return validateText(part);
    case 'interactive':
      return validateInteractive(part);
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return validateMedia(type, part);
    case 'location':
      return typeof part.latitude === 'number' && typeof part.longitude === 'number' ? null : missing('location.latitude/longitude');
    case 'template':
      return validateTemplate(part);
    default:
      return invalidParam(`Unsupported message type ${type}.`);
  }
}

/** `contacts` is an array, so it is checked apart from the object-typed parts. */
function validateContacts(body: Json): GraphErrorBody | null {
  const contacts = body.contacts;
  if (!Array.isArray(contacts) || contacts.length === 0) return missing('contacts');
  for (const contact of contacts) {
    if (!isObject(contact) || !isObject(contact.name) || !str(contact.name.formatted_name)) return missing('contacts.name.formatted_name');
    if (!str(contact.name.first_name) && !str(contact.name.last_name)) return missing('contacts.name.first_name');
  }
  return null;
}

function validateText(text: Json): GraphErrorBody | null {
  const body = str(text.body);
  if (!body) return missing('text.body');
  if (body.length > 4096) return invalidParam("Param text['body'] must be at most 4096 characters long.");
  return null;
}

function validateInteractive(interactive: Json): GraphErrorBody | null {
  const body = isObject(interactive.body) ? str(interactive.body.text) : undefined;
  if (!body) return missing('interactive.body.text');
  if (body.length > 1024) return badValue('Body text length invalid. Min length: 1, Max length: 1024');
  const action = isObject(interactive.action) ? interactive.action : undefined;
  if (!action) return missing('interactive.action');
  if (interactive.type === 'button') {
    const buttons = Array.isArray(action.buttons) ? action.buttons : [];
    if (buttons.length === 0) return missing('interactive.action.buttons');
    if (buttons.length > 3) return badValue('buttons: Too many elements. Max allowed: 3');
    const ids = new Set<string>();
    for (const button of buttons) {
      const reply = isObject(button) && isObject(button.reply) ? button.reply : undefined;
      const title = str(reply?.title);
      const id = str(reply?.id);
      if (!title || !id) return missing('interactive.action.buttons.reply.id/title');
      if (title.length > 20) return badValue('Button title length invalid. Min length: 1, Max length: 20');
      if (id.length > 256) return badValue('Button id length invalid. Max length: 256');
      if (ids.has(id)) return badValue('Button ids must be unique');
      ids.add(id);
    }
    return null;
  }
  if (interactive.type === 'list') {
    const button = str(action.button);
    if (!button) return missing('interactive.action.button');
    if (button.length > 20) return badValue('Button label length invalid. Max length: 20');
    const sections = Array.isArray(action.sections) ? action.sections : [];
    if (sections.length === 0) return missing('interactive.action.sections');
    if (sections.length > 10) return badValue('sections: Too many elements. Max allowed: 10');
    let rowCount = 0;
    for (const section of sections) {
      if (!isObject(section) || !Array.isArray(section.rows) || section.rows.length === 0)
        return missing('interactive.action.sections.rows');
      const title = str(section.title);
      if (sections.length > 1 && !title) return missing('interactive.action.sections.title');
      if (title && title.length > 24) return badValue('Section title length invalid. Max length: 24');
      for (const row of section.rows) {
        rowCount += 1;
        if (!isObject(row) || !str(row.id) || !str(row.title)) return missing('interactive.action.sections.rows.id/title');
        if ((str(row.title) ?? '').length > 24) return badValue('Row title length invalid. Max length: 24');
        if ((str(row.id) ?? '').length > 200) return badValue('Row id length invalid. Max length: 200');
        if ((str(row.description) ?? '').length > 72) return badValue('Row description length invalid. Max length: 72');
      }
    }
    if (rowCount > 10) return badValue('Total row count exceed max allowed count: 10');
    return null;
  }
  return invalidParam(`Unsupported interactive type ${String(interactive.type)}.`);
}

function validateMedia(type: string, media: Json): GraphErrorBody | null {
  const link = str(media.link);
  const id = str(media.id);
  if (!link && !id) return missing(`${type}.link or ${type}.id`);
  if (link && !/^https?:\/\//.test(link)) return badValue(`${type}.link must be an http(s) URL`);
  const caption = str(media.caption);
  if (caption !== undefined && (type === 'audio' || type === 'sticker')) return invalidParam(`Param ${type}['caption'] is not allowed.`);
  if (caption !== undefined && caption.length > 1024) return badValue('Caption length invalid. Max length: 1024');
  return null;
}

function validateTemplate(template: Json): GraphErrorBody | null {
  if (!str(template.name)) return missing('template.name');
  if (!isObject(template.language) || !str(template.language.code)) return missing('template.language.code');
  if (template.components !== undefined && !Array.isArray(template.components))
    return invalidParam('template.components must be an array.');
  return null;
}
