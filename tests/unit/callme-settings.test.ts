import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ButtonSettings, ConsultantBody, DEFAULT_BUTTON, PackageBody, PageSettings } from '../../shared/callme-schemas.ts';

const firstIssue = (result: v.SafeParseResult<v.GenericSchema>) => (result.success ? undefined : { path: v.getDotPath(result.issues[0]), message: result.issues[0].message });

describe('package settings', () => {
  const base = { name: 'Shop', companyName: 'Shop Ltd', companyUrl: 'https://shop.example.com' };
  it('fills the defaults: English, Europe/Warsaw, weekdays 9–17, the default button', () => {
    const parsed = v.parse(PackageBody, base);
    expect(parsed).toMatchObject({ language: 'en', timeZone: 'Europe/Warsaw', hours: { weekdays: { kind: 'range', open: 540, close: 1020 } }, button: DEFAULT_BUTTON, websites: [] });
  });
  it('refuses a name over 25 characters, a company over 100, a URL without http(s)', () => {
    expect(firstIssue(v.safeParse(PackageBody, { ...base, name: 'x'.repeat(26) }))).toMatchObject({ path: 'name', message: expect.stringMatching(/25/) });
    expect(firstIssue(v.safeParse(PackageBody, { ...base, companyName: 'x'.repeat(101) }))).toMatchObject({ path: 'companyName' });
    expect(firstIssue(v.safeParse(PackageBody, { ...base, companyUrl: 'ftp://shop.example.com' }))).toMatchObject({ path: 'companyUrl' });
    expect(firstIssue(v.safeParse(PackageBody, { ...base, companyUrl: `https://${'a'.repeat(100)}.pl` }))).toMatchObject({ path: 'companyUrl' });
  });
  it('keeps websites as origins and refuses other schemes', () => {
    expect(v.parse(PackageBody, { ...base, websites: ['https://shop.example.com/some/page?x=1', 'http://localhost:8080'] }).websites).toEqual(['https://shop.example.com', 'http://localhost:8080']);
    expect(firstIssue(v.safeParse(PackageBody, { ...base, websites: ['javascript:alert(1)'] }))).toMatchObject({ path: 'websites.0' });
  });
  it('refuses a website whose host would break the frame-ancestors list (";" "," "*"), keeps IDN and IPv6 hosts', () => {
    for (const bad of ['http://shop.example.com;sandbox', 'http://a,b.example.com', 'https://*.example.com']) {
      expect(firstIssue(v.safeParse(PackageBody, { ...base, websites: [bad] }))).toMatchObject({ path: 'websites.0' });
    }
    expect(v.parse(PackageBody, { ...base, websites: ['http://Bücher.example/x', 'http://[::1]:8080'] }).websites).toEqual(['http://xn--bcher-kva.example', 'http://[::1]:8080']);
  });
  it('refuses an unknown time zone and language', () => {
    expect(firstIssue(v.safeParse(PackageBody, { ...base, timeZone: 'Mars/Olympus' }))).toMatchObject({ path: 'timeZone' });
    expect(firstIssue(v.safeParse(PackageBody, { ...base, language: 'de' }))).toMatchObject({ path: 'language' });
  });
});

describe('button and page settings', () => {
  it('accepts every corner, size, colour and mode', () => {
    for (const corner of ['bottom-right', 'bottom-left', 'top-right', 'top-left']) for (const size of ['small', 'medium', 'large']) for (const colour of ['green', 'blue', 'violet', 'orange']) for (const mode of ['chat-voice', 'voice', 'chat']) {
      expect(v.safeParse(ButtonSettings, { ...DEFAULT_BUTTON, corner, size, colour, mode }).success).toBe(true);
    }
  });
  it('refuses an unknown colour, a label with HTML, a label delay out of range', () => {
    expect(firstIssue(v.safeParse(ButtonSettings, { ...DEFAULT_BUTTON, colour: 'red' }))).toMatchObject({ path: 'colour' });
    expect(firstIssue(v.safeParse(ButtonSettings, { ...DEFAULT_BUTTON, label: '<b>hi</b>' }))).toMatchObject({ path: 'label', message: expect.stringMatching(/HTML/) });
    expect(firstIssue(v.safeParse(ButtonSettings, { ...DEFAULT_BUTTON, labelVisibility: 'after-seconds', labelAfterSeconds: 0 }))).toMatchObject({ path: 'labelAfterSeconds' });
  });
  it('limits the big header to 50 and the small header to 200 characters', () => {
    expect(firstIssue(v.safeParse(PageSettings, { bigHeader: 'x'.repeat(51), smallHeader: '', showChat: true }))).toMatchObject({ path: 'bigHeader' });
    expect(firstIssue(v.safeParse(PageSettings, { bigHeader: 'Hi', smallHeader: 'x'.repeat(201), showChat: true }))).toMatchObject({ path: 'smallHeader' });
  });
});

describe('consultant settings', () => {
  const base = { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', password: 'long enough password' };
  it('limits e-mail to 64 and names to 40 characters', () => {
    expect(v.safeParse(ConsultantBody, base).success).toBe(true);
    expect(firstIssue(v.safeParse(ConsultantBody, { ...base, email: `${'a'.repeat(60)}@example.com` }))).toMatchObject({ path: 'email' });
    expect(firstIssue(v.safeParse(ConsultantBody, { ...base, firstName: 'x'.repeat(41) }))).toMatchObject({ path: 'firstName' });
    expect(firstIssue(v.safeParse(ConsultantBody, { ...base, lastName: 'x'.repeat(41) }))).toMatchObject({ path: 'lastName' });
  });
});
