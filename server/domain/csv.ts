/**
 * CSV writing (RFC 4180) for exports. Cells that a spreadsheet would run as a formula
 * (= + - @ at the start) are prefixed with an apostrophe: an attendee's answer must
 * never become code in the organizer's spreadsheet.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
