// A local Telegram Bot API (@fio/emulators): the bot methods Fio calls with the documented checks and
// error bodies, file downloads, and a customer whose messages and button presses reach the registered
// webhook with the secret-token header. Written from the Bot API docs, never from Fio's channel code.
export { createTelegramEmulator } from './telegram-emulator.ts';
export type { TelegramEmulator, TelegramEmulatorOptions, TelegramCustomerActions, TelegramWebhookSettings } from './telegram-emulator.ts';
