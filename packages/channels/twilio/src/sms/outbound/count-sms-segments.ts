/**
 * SMS segment arithmetic (3GPP TS 23.038 / 23.040, as Twilio bills it). A text made only of GSM-7
 * characters travels in 7-bit septets: 160 in one message, 153 per part once concatenated (the
 * user-data header takes 7). Anything else (emoji, and pt-BR's "ã", "õ", "ç", "á"...) switches the whole
 * message to UCS-2: 70 UTF-16 units alone, 67 per concatenated part.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7, extension characters count two) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

// The GSM 03.38 default alphabet (0x1B, the escape, excluded: it only introduces the extension table).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each costs the escape septet plus its own.
const gsmExtension = new Set('\f^{}\\[~]|€');

export const singleSegmentUnits: Readonly<Record<SmsEncoding, number>> = { 'GSM-7': 160, 'UCS-2': 70 };
export const concatenatedSegmentUnits: Readonly<Record<SmsEncoding, number>> = { 'GSM-7': 153, 'UCS-2': 67 };

/** Whether every character of `text` is in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!gsmBasic.has(char) && !gsmExtension.has(char)) return false;
  return true;
}

/** How many SMS segments `text` takes and in which encoding. An empty text still costs one. */
export function countSmsSegments(text: string): SmsSegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  // Each character's width in units; a unit pair (GSM escape + char, UTF-16 surrogate pair) is never
  // split across two segments, so a part may end one unit short.
  const widths: number[] = [];
  for (const char of text) widths.push(encoding === 'GSM-7' ? (gsmExtension.has(char) ? 2 : 1) : char.length);
  const units = widths.reduce((sum, width) => sum + width, 0);
  if (units <= singleSegmentUnits[encoding]) return { encoding, units, segments: 1 };

  const perSegment = concatenatedSegmentUnits[encoding];
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > perSegment) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return { encoding, units, segments };
}
