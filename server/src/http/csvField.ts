/**
 * One CSV cell, as every CSV download of the console writes it (customers, revenue,
 * privacy exports). A cell a spreadsheet could run as a formula (OWASP "CSV injection"): one starting with
 * = + - @ | or their full-width forms (＝ ＋ － ＠ ｜), also behind leading whitespace,
 * a non-breaking space or a line break (spreadsheets skip those), or with a tab or
 * carriage return.
 */
const FORMULA_START = /^[\s\u00A0\uFEFF]*[=+\-@|\uFF1D\uFF0B\uFF0D\uFF20\uFF5C]|^[\t\r\n]/;

/** RFC 4180; a cell that could start a formula is prefixed with ' so spreadsheets show it as text. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
