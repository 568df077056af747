import Papa from 'papaparse';
import * as v from 'valibot';
import { Email } from '../../shared/account-schemas.ts';
import type { ImportIssue } from '../../shared/contact-schemas.ts';
import { decodeCsvBytes, type TextEncodingName } from './csv-decoding.ts';
import { splitName } from './address-list.ts';

export interface ImportedContact {
  row: number;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  groups: string[];
}

export type ImportParse =
  | { ok: true; encoding: TextEncodingName; separator: string; contacts: ImportedContact[]; skipped: ImportIssue[] }
  | { ok: false; encoding: TextEncodingName | null; separator: string | null; errors: ImportIssue[] };

type Column = 'email' | 'firstName' | 'lastName' | 'name' | 'company' | 'phone' | 'groups';

/** Header names people use, in English and Polish, lower-cased without spaces, dashes or underscores. */
const HEADERS: Record<string, Column> = {
  email: 'email', mail: 'email', emailaddress: 'email', adresemail: 'email', adres: 'email',
  firstname: 'firstName', givenname: 'firstName', imie: 'firstName', imię: 'firstName',
  lastname: 'lastName', surname: 'lastName', familyname: 'lastName', nazwisko: 'lastName',
  name: 'name', fullname: 'name', imieinazwisko: 'name', imięinazwisko: 'name', displayname: 'name',
  company: 'company', organization: 'company', organisation: 'company', firma: 'company', organizacja: 'company',
  phone: 'phone', telephone: 'phone', mobile: 'phone', telefon: 'phone', tel: 'phone', komorka: 'phone', komórka: 'phone',
  group: 'groups', groups: 'groups', grupa: 'groups', grupy: 'groups',
};
const SEPARATORS = [',', ';', '\t', '|'];
const MAX_ROWS = 20_000;
const LIMIT = 200;

const normalizeHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_\-.:]/g, '');

/**
 * Turns an uploaded address-book CSV into contacts (EV-11). Two kinds of trouble:
 *  - a malformed file (unbalanced quotes, rows with a different number of columns than
 *    the header, no e-mail column): nothing is imported, and every wrong row is named;
 *  - a well-formed row that cannot be a contact (no or invalid e-mail, a repeat of an
 *    earlier row): skipped, with the reason, while the rest is imported.
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
export function parseContactsCsv(bytes: Buffer): ImportParse {
  if (bytes.length === 0) return { ok: false, encoding: null, separator: null, errors: [{ row: 1, reason: 'The file is empty.' }] };
  const { text, encoding } = decodeCsvBytes(bytes);
  const content = text.replace(/^\uFEFF/, '');
  // The separator is Papa Parse's guess among , ; tab | over the first non-empty rows: the
  // one that splits them into the same number (above one) of fields. A file with one
  // column has none, and then a comma is as good as any.
  const guess = Papa.parse<string[]>(content, { delimiter: '', delimitersToGuess: SEPARATORS, skipEmptyLines: 'greedy', preview: 20 });
  const separator = guess.meta.delimiter || ',';
  const parsed = Papa.parse<string[]>(content, { delimiter: separator, skipEmptyLines: false, preview: MAX_ROWS + 1 });
  const errors: ImportIssue[] = parsed.errors
    .filter((e) => e.type !== 'Delimiter')
    .map((e) => ({ row: (e.row ?? 0) + 1, reason: e.code === 'MissingQuotes' ? 'A quoted value is not closed.' : e.code === 'InvalidQuotes' ? 'A quote in the middle of a value.' : e.message }));
  // Rows are numbered in the file as it is; wholly empty rows (";;;", a last new line) are then passed over.
  const numbered = parsed.data.map((cells, index) => ({ cells, row: index + 1 })).filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const rows = numbered.map((r) => r.cells);
  const rowNumber = (i: number) => numbered[i]!.row;
  if (rows.length > MAX_ROWS) return { ok: false, encoding, separator, errors: [{ row: MAX_ROWS + 2, reason: `At most ${MAX_ROWS} rows at once.` }] };
  if (rows.length === 0) return { ok: false, encoding, separator, errors: [{ row: 1, reason: 'The file has no rows.' }] };

  const header = rows[0]!.map(normalizeHeader);
  let columns = header.map((h) => HEADERS[h]);
  let start = 1;
  if (!columns.includes('email')) {
    // No header naming the e-mail: accept a file without a header whose first row has an address in some column.
    const emailColumn = rows[0]!.findIndex((cell) => v.is(Email, cell));
    if (emailColumn < 0) return { ok: false, encoding, separator, errors: [...errors, { row: 1, reason: 'No e-mail column: name it "email" (or "e-mail", "adres e-mail") in the first row.' }] };
    columns = rows[0]!.map((_, i) => (i === emailColumn ? 'email' : i === (emailColumn === 0 ? 1 : 0) ? 'name' : undefined));
    start = 0;
  }
  for (let i = start; i < rows.length; i++) {
    if (rows[i]!.length !== rows[0]!.length && !errors.some((e) => e.row === rowNumber(i))) {
      errors.push({ row: rowNumber(i), reason: `${rows[i]!.length} columns where the first row has ${rows[0]!.length}.` });
    }
  }
  if (errors.length) return { ok: false, encoding, separator, errors: errors.sort((a, b) => a.row - b.row).slice(0, LIMIT) };

  const contacts: ImportedContact[] = [];
  const skipped: ImportIssue[] = [];
  const seen = new Map<string, number>();
  for (let i = start; i < rows.length; i++) {
    const row = rowNumber(i);
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (rows[i]![index] ?? '').trim();
    };
    const rawEmail = cell('email');
    const email = v.safeParse(Email, rawEmail);
    if (!rawEmail) {
      skipped.push({ row, reason: 'No e-mail address.' });
      continue;
    }
    if (!email.success) {
      skipped.push({ row, reason: `Not an e-mail address: ${rawEmail.slice(0, 100)}` });
      continue;
    }
    if (seen.has(email.output)) {
      skipped.push({ row, reason: `Same e-mail as row ${seen.get(email.output)}.` });
      continue;
    }
    seen.set(email.output, row);
    const full = splitName(cell('name'));
    contacts.push({
      row,
      email: email.output,
      firstName: (cell('firstName') || full.firstName).slice(0, 200),
      lastName: (cell('lastName') || full.lastName).slice(0, 200),
      company: cell('company').slice(0, 200),
      phone: cell('phone').slice(0, 40),
      groups: cell('groups').split(/[;,|]/).map((g) => g.trim()).filter(Boolean).slice(0, 20).map((g) => g.slice(0, 100)),
    });
  }
  return { ok: true, encoding, separator, contacts, skipped };
}
