// Delivery: hands stored outbound messages to their channels with retries, back-off and dead letters,
// and applies providers' status receipts (forward only). Owns no content decisions.
export * from './deliver-message.ts';
export * from './apply-status-event.ts';
