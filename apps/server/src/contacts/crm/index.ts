// Two-way CRM sync: the webhook outbox written with the events, its fan-out to subscriptions (echo guard,
// field mapping), the signed sender with retries and a delivery log, and the inbound upsert by a CRM's id
// with per-field conflict rules. It owns webhook_subscriptions, webhook_outbox and webhook_deliveries;
// it writes contacts only through the contact repository, and knows nothing of HTTP routes.
export * from './webhook-event-type-of.ts';
export * from './write-webhook-outbox.ts';
export * from './sign-webhook.ts';
export * from './decide-crm-field.ts';
export * from './read-crm-fields.ts';
export * from './read-fio-field.ts';
export * from './map-fields-to-crm.ts';
export * from './build-webhook-body.ts';
export * from './fan-out-webhook-outbox.ts';
export * from './create-webhook-fan-out.ts';
export * from './post-webhook.ts';
export * from './send-webhook-delivery.ts';
export * from './webhook-subscription.repository.ts';
export * from './sync-file-webhook-subscriptions.ts';
export * from './upsert-contact-from-crm.ts';
export * from './replay-webhook-delivery.ts';
export * from './ping-webhook-subscription.ts';
export * from './new-webhook-delivery.ts';
