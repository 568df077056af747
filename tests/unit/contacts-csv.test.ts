import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../server/scheduling/csv-decoding.ts';
import { parseAddressList } from '../../server/scheduling/address-list.ts';
import { parseContactsCsv } from '../../server/scheduling/contacts-import.ts';

describe('CSV decoding (EV-11)', () => {
  const polish = 'Łódź, Zażółć gęślą jaźń, Świętokrzyska, Ąę';
  it.each(['windows-1250', 'iso-8859-2'] as const)('reads Polish text saved in %s', (encoding) => {
    expect(decodeCsvBytes(iconv.encode(polish, encoding))).toEqual({ text: polish, encoding });
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 with one', () => {
    expect(decodeCsvBytes(Buffer.from(polish))).toEqual({ text: polish, encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${polish}`))).toEqual({ text: polish, encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(polish, 'utf-16le')]))).toEqual({ text: polish, encoding: 'utf-16le' });
  });

  it('recognises Western European text in Windows-1252', () => {
    expect(decodeCsvBytes(iconv.encode('Anaïs Lefèvre, Crème brûlée', 'windows-1252'))).toEqual({ text: 'Anaïs Lefèvre, Crème brûlée', encoding: 'windows-1252' });
  });
});

describe('contacts CSV parsing', () => {
  it('accepts a file without a header when its first row has an address', () => {
    const parsed = parseContactsCsv(Buffer.from('jan@example.com;Jan Kowalski\nola@example.com;Ola\n'));
    expect(parsed.ok && parsed.contacts.map((c) => [c.email, c.firstName, c.lastName])).toEqual([['jan@example.com', 'Jan', 'Kowalski'], ['ola@example.com', 'Ola', '']]);
  });

  it('skips repeated and invalid addresses with the reason, numbering rows as a spreadsheet does', () => {
    const parsed = parseContactsCsv(Buffer.from('email,name,group\na@example.com,A,"VIP; Press"\nA@example.com,A again,\nnot-mail,B,\n'));
    if (!parsed.ok) throw new Error('expected ok');
    expect(parsed.contacts[0]!.groups).toEqual(['VIP', 'Press']);
    expect(parsed.skipped).toEqual([{ row: 3, reason: 'Same e-mail as row 2.' }, { row: 4, reason: 'Not an e-mail address: not-mail' }]);
  });
});

describe('pasted address lists (EV-6)', () => {
  it('reads any common separator and mail-program names', () => {
    const { addresses, invalid } = parseAddressList('"Kowalski, Jan" <jan@example.com>; ewa@example.com ola@example.com|x\n\tmailto:Piotr@Example.com, jan@example.com, bad@');
    expect(addresses.map((a) => a.email)).toEqual(['jan@example.com', 'ewa@example.com', 'ola@example.com', 'piotr@example.com']);
    expect(addresses[0]!.name).toBe('Kowalski Jan');
    expect(invalid).toEqual(['x', 'bad@']);
  });
});
