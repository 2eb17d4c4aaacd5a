// The WhatsApp Business Cloud API emulator: Graph's /messages and media endpoints for one business
// number, the 24-hour window, and a customer who posts Meta's signed webhooks. Imports no channel package.
export { createWhatsAppEmulator } from './whatsapp-emulator.ts';
export type { WhatsAppEmulator, WhatsAppEmulatorOptions, WhatsAppCustomerActions, CustomerMedia } from './whatsapp-emulator.ts';
export type { StatusError } from './webhook-payloads.ts';
