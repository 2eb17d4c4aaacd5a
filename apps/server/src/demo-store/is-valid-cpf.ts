/**
 * Checks a CPF's two check digits (mod 11). Accepts "529.982.247-25" or "52998224725"; repeated
 * digits ("111.111.111-11") pass the arithmetic but are not issued, so they are refused.
 */
export function isValidCpf(input: string): boolean {
  const digits = input.replace(/[.\-\s]/g, '');
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const numbers = [...digits].map(Number);
  const checkDigit = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i++) sum += (numbers[i] ?? 0) * (length + 1 - i);
    return ((sum * 10) % 11) % 10;
  };
  return checkDigit(9) === numbers[9] && checkDigit(10) === numbers[10];
}
