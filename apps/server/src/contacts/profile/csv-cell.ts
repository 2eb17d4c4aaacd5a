/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection); a value that already
 * starts with `'` before one gets another, so the import's unescape gives back exactly the value.
 */
const formulaStart = /^'*[=+\-@\t\r]/;

/**
 * One CSV cell as Fio writes it: a value a spreadsheet would run as a formula (`=HYPERLINK(...)`,
 * `+55 11...`, `@SUM`) gets a leading `'`, then quotes when it holds a comma, quote or line break.
 */
export function escapeCsvCell(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n;\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The reverse of the formula guard when a Fio export is imported again: `'+5511...` is `+5511...`. */
export function unescapeCsvCell(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}
