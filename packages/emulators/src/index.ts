// Local emulators of the providers' APIs (@fio/emulators), for tests and the channel playground. Each
// speaks its provider's documented wire format and plays the customer; none imports a channel package.
export * from './emulator-kit.ts';
export * from './whatsapp/index.ts';
export * from './meta-messaging/index.ts';
export * from './twilio-messaging/index.ts';
export * from './twilio-voice/index.ts';
export * from './telegram/index.ts';
export * from './mailbox/index.ts';
