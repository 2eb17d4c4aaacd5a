/** Whether 14 digits form a CNPJ whose two check digits are right (repeated digits never are). */
export function isValidCnpj(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || /^(\d)\1{13}$/.test(digits)) return false;
  const numbers = [...digits].map(Number);
  const checkDigit = (length: number): number => {
    // Weights run 2..9 from the right, then start again at 2.
    let sum = 0;
    for (let i = 0; i < length; i += 1) sum += (numbers[length - 1 - i] ?? 0) * ((i % 8) + 2);
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return checkDigit(12) === numbers[12] && checkDigit(13) === numbers[13];
}
