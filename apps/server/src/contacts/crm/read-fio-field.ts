import type { Contact } from '../contact.repository.ts';

/** A contact's value at a Fio field path (`displayName`, `email`, `phone`, `locale`, `tags`, `attributes.<key>`). */
export function readFioField(
  contact: Pick<Contact, 'displayName' | 'email' | 'phone' | 'locale' | 'tags' | 'attributes'>,
  path: string,
): unknown {
  if (path.startsWith('attributes.')) return contact.attributes[path.slice('attributes.'.length)] ?? null;
  switch (path) {
    case 'displayName':
      return contact.displayName;
    case 'email':
      return contact.email;
    case 'phone':
      return contact.phone;
    case 'locale':
      return contact.locale;
    case 'tags':
      return contact.tags;
    default:
      return null;
  }
}
