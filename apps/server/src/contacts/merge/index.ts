// Merges: proven identities join contacts (reversibly), weak evidence only suggests. Owns contact_merges
// and merge_suggestions; moves rows of other tables only to re-home them. Never deletes a row.
export * from './merge-deps.ts';
export * from './merge-contacts.ts';
export * from './unmerge-contacts.ts';
export * from './suggest-merges-for.ts';
export * from './note-typed-identity.ts';
export * from './attach-verified-identity.ts';
export * from './decide-merge-suggestion.ts';
export * from './merge-audit.query.ts';
export * from './merge-suggestion-list.query.ts';
export type { SuggestionReason } from './record-merge-suggestion.ts';
export type { MergeSnapshot } from './merge-snapshot.ts';
