/**
 * CSV that opens the same in Excel and LibreOffice, Bengali included: UTF-8 with a byte-order mark, CRLF
 * line ends, RFC 4180 quoting, and cells that a spreadsheet would run as a formula neutralised (a leading
 * `'`, as OWASP advises for CSV injection).
 */

/** Excel reads a file as UTF-8 only when it starts with this. */
export const CSV_BYTE_ORDER_MARK = "\uFEFF";

/** Characters that make a spreadsheet read a cell as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A moment as ISO 8601 in Bangladesh time, with its offset: 2026-11-29T23:47:05+06:00. */
export function dhakaIso(moment: string | null): string {
  if (!moment) return "";
  // Bangladesh keeps +06:00 all year (no daylight saving time).
  const local = new Date(Date.parse(moment) + 6 * 60 * 60 * 1000).toISOString().slice(0, 19);
  return `${local}+06:00`;
}
