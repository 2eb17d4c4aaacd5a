/**
 * Whether an author's regular expression compiles with the `u` flag every matcher here uses.
 * Checked when content loads, so a typo in a pattern is reported at its line instead of throwing
 * in a customer's turn. (Other flags such as `i` never change whether a source compiles.)
 */
export function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
