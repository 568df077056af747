import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Bowser from 'bowser';
import { Reader, type CountryResponse } from 'maxmind';

export interface ClientInfo {
  device: 'desktop' | 'mobile' | 'tablet' | 'tv' | 'other';
  os: string;
  browser: string;
  country: string | null;
}

/** The row shape of the offline database: `@ip-location-db/*-mmdb` files carry only the code. */
type CountryRow = CountryResponse & { country_code?: string };

const DATABASE = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';
let reader: Reader<CountryRow> | undefined;

/**
 * Country of an address from the offline database shipped as an npm package (CC0, no
 * account, no network): read once, on first use, into memory (about 8 MB).
 */
export function countryOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const ip = address.replace(/^::ffff:/, '');
  try {
    reader ??= new Reader<CountryRow>(readFileSync(createRequire(import.meta.url).resolve(DATABASE)));
    const row = reader.get(ip);
    return row?.country_code ?? row?.country?.iso_code ?? null;
  } catch {
    return null;
  }
}

/** Device type, operating system and browser from a User-Agent, by `bowser`. */
export function describeClient(userAgent: string | undefined, address: string | null | undefined): ClientInfo {
  // Bowser refuses an empty string; a script without a User-Agent is "Unknown" everywhere.
  const parsed = userAgent ? Bowser.parse(userAgent) : undefined;
  const platform = parsed?.platform.type;
  const device: ClientInfo['device'] = platform === 'desktop' || platform === 'mobile' || platform === 'tablet' || platform === 'tv' ? platform : 'other';
  return {
    device,
    os: parsed?.os.name ?? 'Unknown',
    browser: parsed?.browser.name ?? 'Unknown',
    country: countryOf(address),
  };
}
