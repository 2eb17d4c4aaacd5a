// Contacts: people, their identities on every channel, and resolving a sender to one person.
// Owns the contacts and identities tables; knows no channel by name.
export * from './contact.repository.ts';
export * from './resolve-contact.ts';
export * from './normalize-identity.ts';
export * from './validate-attributes.ts';
export { foldText } from './merge/fold-text.ts';
export * from './segments/index.ts';
export * from './merge/index.ts';
export * from './profile/index.ts';
