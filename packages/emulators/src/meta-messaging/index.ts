// Local emulator of Meta's Send API for Messenger and Instagram Direct, written from Meta's docs: token
// check, documented validation and error bodies, the 24-hour and 7-day human-agent windows on its own
// clock, and the customer's side as signed webhooks. Never imports a channel package.
export { createMetaMessagingEmulator } from './meta-messaging-emulator.ts';
export type {
  MetaMessagingEmulator,
  MetaMessagingEmulatorOptions,
  MetaMessagingAccount,
  MetaCustomerActions,
} from './meta-messaging-emulator.ts';
