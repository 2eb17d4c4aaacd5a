/**
 * Lower-case, accents stripped, and exactly as long as the input, so a match found in the folded
 * text has the same offsets in the original ("Sábado às 15h" → "sabado as 15h"). A character whose
 * folded form is not one UTF-16 unit (a lone combining mark, "İ") is kept lower-cased or as is.
 */
export function foldText(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charAt(i);
    const code = unit.charCodeAt(0);
    if (code < 0x80) {
      folded += unit.toLowerCase();
      continue;
    }
    const stripped = unit
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    if (stripped.length === 1) folded += stripped;
    else {
      const lower = unit.toLowerCase();
      folded += lower.length === 1 ? lower : unit;
    }
  }
  return folded;
}
