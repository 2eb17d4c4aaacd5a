// The 360° profile: profile and attribute writes (validated, stamped with when and from where), tags,
// business events and intents on the timeline, the timeline itself, and CSV import/export. Writes go
// through the contact repository; it never merges contacts itself (the merge module does).
export * from './profile-deps.ts';
export * from './check-profile-input.ts';
export * from './normalize-tags.ts';
export * from './create-contact.ts';
export * from './update-contact.ts';
export * from './record-activity.ts';
export * from './business-event.schema.ts';
export * from './record-business-events.ts';
export * from './list-timeline.ts';
export * from './list-contacts.query.ts';
export * from './build-contact-view.ts';
export * from './import-contacts.ts';
export * from './export-contacts-csv.ts';
export { escapeCsvCell, unescapeCsvCell } from './csv-cell.ts';
export type { CsvRowError } from './parse-contacts-csv.ts';
