/**
 * CSV cells in and out. A text cell that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a leading `'`, which
 * spreadsheets show as text; import takes that quote off again, so an exported file imports
 * back to the same values. A plain number (`-5`, `-12.50`) is no formula and is written as it
 * is; text that itself starts with quotes before such a character gets one more quote.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One CSV cell: text (guarded), numbers and booleans written out, lists and objects as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A cell read from a CSV file, its formula guard taken off. */
export function csvText(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
