import * as v from 'valibot';
import { Email } from '../../shared/account-schemas.ts';

export interface ParsedAddress {
  email: string;
  /** The display name of `Name <address>` entries, when given. */
  name: string;
}

/** Everything that separates addresses in what people paste: commas, semicolons, pipes, tabs, new lines. */
const SEPARATORS = /[,;|\t\r\n]+/;
const ADDRESS = /[^\s<>,;:"'()[\]|]+@[^\s<>,;:"'()[\]|]+/g;

/**
 * Reads a pasted list of addresses in any common shape: one per line, separated by
 * commas, semicolons or spaces, or as `Jan Kowalski <jan@example.com>` (what mail
 * programs copy). Each piece without an address, or with a broken one, is reported.
 */
export function parseAddressList(text: string): { addresses: ParsedAddress[]; invalid: string[] } {
  const addresses = new Map<string, ParsedAddress>();
  const invalid: string[] = [];
  // A quoted display name may hold a separator ("Kowalski, Jan" <jan@example.com>).
  const unquoted = text.replace(/"[^"\r\n]*"/g, (quoted) => quoted.replace(/[,;|\t]/g, ' '));
  for (const raw of unquoted.split(SEPARATORS)) {
    const piece = raw.trim();
    if (!piece) continue;
    const found = piece.match(ADDRESS);
    if (!found) {
      invalid.push(piece);
      continue;
    }
    const name = found.length === 1 ? piece.replace(/<[^>]*>/, '').replace(found[0], '').replace(/["']/g, '').replace(/\s+/g, ' ').trim() : '';
    for (const candidate of found) {
      const parsed = v.safeParse(Email, candidate.replace(/^mailto:/i, ''));
      if (!parsed.success) invalid.push(candidate);
      else if (!addresses.has(parsed.output)) addresses.set(parsed.output, { email: parsed.output, name });
    }
  }
  return { addresses: [...addresses.values()], invalid };
}

/** "Jan Maria Kowalski" → first "Jan Maria", last "Kowalski". */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1)! };
}
