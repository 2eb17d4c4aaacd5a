// The e-mail customer's mailbox (emulator): receives the mail Fio relays over SMTP and writes back to
// Fio's SMTP listener in-thread. Written from RFC 5321/5322, never from Fio's e-mail channel package.
export { createMailboxEmulator } from './mailbox-emulator.ts';
export type { MailboxEmulator, MailboxEmulatorOptions } from './mailbox-emulator.ts';
