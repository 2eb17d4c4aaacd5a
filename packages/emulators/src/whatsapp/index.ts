// The WhatsApp Business Cloud API emulator: Graph's /messages and media endpoints for one business
// number, the 24-hour window, and a customer who posts Meta's signed webhooks. Imports no channel package.
export { createWhatsAppEmulator } from './whatsapp-emulator.ts';
export { businessScopedUserId } from './customer-identity.ts';
export type { WhatsAppEmulator, WhatsAppEmulatorOptions, WhatsAppCustomerActions, WhatsAppCustomerMedia } from './whatsapp-emulator.ts';
export type { WhatsAppStatusError } from './webhook-payloads.ts';
export { defaultTemplates, type EmulatedTemplate } from './message-templates.ts';
