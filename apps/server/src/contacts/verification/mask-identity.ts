/**
 * An e-mail or phone as the bot repeats it to whoever holds the chat: enough to recognise your own
 * (a***@gmail.com, +55 11 9****-4321), not enough to learn someone else's.
 */
export function maskIdentity(kind: 'email' | 'phone', value: string): string {
  return kind === 'email' ? maskEmail(value) : maskPhone(value);
}

function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return '****';
  const last = digits.slice(-4);
  // Brazilian numbers read the Brazilian way: +55 AA 9****-1234.
  if (digits.startsWith('55') && (digits.length === 12 || digits.length === 13)) {
    const area = digits.slice(2, 4);
    const subscriber = digits.slice(4);
    return `+55 ${area} ${subscriber.slice(0, 1)}****-${last}`;
  }
  return `+${digits.slice(0, Math.min(2, digits.length - 6))} ****-${last}`;
}
