import type { CustomerView } from '../emulator-kit.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** What the customer's phone shows for one accepted `/messages` request. */
export function toCustomerView(providerMessageId: string, to: string, body: Json, at: string): CustomerView {
  const type = str(body.type) || 'text';
  const part = isObject(body[type]) ? body[type] : {};
  const base = { providerMessageId, to, raw: body, at };
  switch (type) {
    case 'text':
      return { ...base, text: str(part.body) };
    case 'interactive': {
      const text = isObject(part.body) ? str(part.body.text) : '';
      const action = isObject(part.action) ? part.action : {};
      const options =
        part.type === 'button'
          ? list(action.buttons).map((button) => {
              const reply = isObject(button.reply) ? button.reply : {};
              return { id: str(reply.id), label: str(reply.title) };
            })
          : list(action.sections).flatMap((section) => list(section.rows).map((row) => ({ id: str(row.id), label: str(row.title) })));
      return { ...base, text, options };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const caption = str(part.caption);
      return {
        ...base,
        text: caption || `[${type}]`,
        media: { kind: type, url: str(part.link) || str(part.id), ...(caption ? { caption } : {}) },
      };
    }
    case 'location':
      return { ...base, text: str(part.name) || str(part.address) || `[location ${String(part.latitude)},${String(part.longitude)}]` };
    case 'contacts': {
      const names = list(body.contacts).map((contact) => (isObject(contact.name) ? str(contact.name.formatted_name) : ''));
      return { ...base, text: `[contact ${names.join(', ')}]` };
    }
    case 'template': {
      const params = list(part.components).flatMap((component) => list(component.parameters).map((p) => str(p.text)));
      return { ...base, text: `[template ${str(part.name)}${params.length ? `: ${params.join(', ')}` : ''}]` };
    }
    default:
      return { ...base, text: `[${type}]` };
  }
}
