import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { joinLinkOf, outbox, waitForMail } from '../support/outbox.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

/** Sends a file as the raw body, as `curl --data-binary @file.csv` does. */
async function importCsv(api: ApiClient, bytes: Buffer, query = ''): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/api/v1/contacts/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'text/csv' }, body: new Uint8Array(bytes) });
  return { status: response.status, body: await response.json() };
}

describe('address book import (EV-11)', () => {
  it('imports a CSV saved in Windows-1250 with Polish names intact, detecting the separator', async () => {
    const { api } = await newOrganizer(server.url);
    const text = 'Imię;Nazwisko;E-mail;Firma\r\nZażółć;Gęślą;zazolc@example.com;Jaźń sp. z o.o.\r\nŁucja;Łódź;lucja@example.com;Śląsk SA\r\n;;;\r\nBez;Adresu;;X\r\n';
    const bytes = iconv.encode(text, 'windows-1250');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await importCsv(api, bytes);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ encoding: 'windows-1250', separator: ';', created: 2, updated: 0 });
    expect(result.body.skipped).toEqual([{ row: 5, reason: 'No e-mail address.' }]);
    const contacts = (await api.ok<any>('GET', '/contacts')).contacts;
    expect(contacts.map((c: any) => [c.firstName, c.lastName, c.company])).toEqual([['Łucja', 'Łódź', 'Śląsk SA'], ['Zażółć', 'Gęślą', 'Jaźń sp. z o.o.']]);

    // The export is UTF-8 with a BOM, and imports again unchanged (as updates).
    const exported = await api.request('GET', '/contacts.csv');
    expect(exported.body).toContain('lucja@example.com,Łucja,Łódź,Śląsk SA');
    const reimport = await importCsv(api, Buffer.from(exported.body as string));
    expect(reimport.body).toMatchObject({ encoding: 'utf-8', separator: ',', created: 0, updated: 2 });
  });

  it('tells ISO-8859-2 and Windows-1252 files apart, and reads tabs and UTF-8 with a BOM', async () => {
    const { api } = await newOrganizer(server.url);
    const latin2 = await importCsv(api, iconv.encode('email,name\nswiety@example.com,Święty Ździsław\n', 'iso-8859-2'));
    expect(latin2.body).toMatchObject({ encoding: 'iso-8859-2', created: 1 });
    const western = await importCsv(api, iconv.encode('email\tfirst name\tlast name\nanais@example.com\tAnaïs\tLefèvre\n', 'windows-1252'));
    expect(western.body).toMatchObject({ encoding: 'windows-1252', separator: '\t', created: 1 });
    const bom = await importCsv(api, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('e-mail,imię\nola@example.com,Ola\n')]));
    expect(bom.body).toMatchObject({ encoding: 'utf-8', created: 1 });
    const names = (await api.ok<any>('GET', '/contacts')).contacts.map((c: any) => `${c.firstName} ${c.lastName}`.trim()).sort();
    expect(names).toEqual(['Anaïs Lefèvre', 'Ola', 'Święty Ździsław']);
  });

  it('imports nothing from a malformed file and names the wrong rows', async () => {
    const { api } = await newOrganizer(server.url);
    const malformed = 'email,first name,last name\ngood@example.com,Good,Row\nshort@example.com,Short\n"open@example.com,Open,Quote\n';
    const result = await importCsv(api, Buffer.from(malformed));
    expect(result.status).toBe(422);
    expect(result.body.code).toBe('import-malformed');
    expect(result.body.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['row 3', 'row 4']));
    expect(result.body.errors.map((e: any) => e.field)).not.toContain('row 2');
    expect((await api.ok<any>('GET', '/contacts')).contacts).toEqual([]);

    const noEmail = await importCsv(api, Buffer.from('name,company\nJan,ACME\n'));
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.errors[0].message).toMatch(/No e-mail column/);
  });
});

describe('invitations (EV-6)', () => {
  it('invites from pasted text, one by one and from a group; resends to one person; presenters get a personal presenter link', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Invite-only', accessType: 'token' });
    const group = await api.ok<any>('POST', '/contact-groups', { name: 'Customers' });
    const carol = await api.ok<any>('POST', '/contacts', { email: 'carol@example.com', firstName: 'Carol', groupIds: [group.id] });
    expect(carol.groupIds).toEqual([group.id]);

    const invited = await api.ok<any>('POST', `/events/${event.id}/invitations`, {
      text: 'Jan Kowalski <jan@example.com>; ewa@example.com, not-an-address\npiotr@example.com\tPIOTR@example.com',
      people: [{ email: 'dan@example.com', firstName: 'Dan' }],
      groupIds: [group.id],
      language: 'pl',
    });
    expect(invited.invited.map((i: any) => i.email).sort()).toEqual(['carol@example.com', 'dan@example.com', 'ewa@example.com', 'jan@example.com', 'piotr@example.com']);
    expect(invited.invalid).toEqual(['not-an-address']);
    const again = await api.ok<any>('POST', `/events/${event.id}/invitations`, { text: 'jan@example.com' });
    expect(again).toMatchObject({ invited: [], alreadyInvited: ['jan@example.com'] });

    const mails = await waitForMail(api, (m) => m.kind === 'invitation', 5, 'invitations');
    const jan = mails.find((m) => m.to === 'jan@example.com')!;
    expect(jan.subject).toBe('Zaproszenie: Invite-only');
    expect(jan.text).toContain('Dzień dobry Jan Kowalski,');
    const join = await new ApiClient(server.url).ok<any>('POST', `/events/${event.id}/join`, { token: new URL(joinLinkOf(jan)).hash.replace('#token=', '') });
    expect(join.participant.name).toBe('Jan Kowalski');

    const presenter = await api.ok<any>('POST', `/events/${event.id}/invitations`, { role: 'presenter', text: 'pat@example.com' });
    const [patMail] = await waitForMail(api, (m) => m.to === 'pat@example.com', 1, 'presenter invitation');
    expect(patMail!.subject).toBe('Invitation to present: Invite-only');
    // Issue 10: an invited presenter gets a personal presenter token, revocable on its own.
    const presenterToken = new URL(joinLinkOf(patMail!)).hash.replace('#token=', '');
    expect((await new ApiClient(server.url).ok<any>('POST', `/events/${event.id}/join`, { name: 'Pat', token: presenterToken })).participant.role).toBe('presenter');

    // Resend to one person: one more message to that address, the same link.
    const list = (await api.ok<any>('GET', `/events/${event.id}/invitations`)).guests;
    const ewa = list.find((g: any) => g.email === 'ewa@example.com');
    const resent = await api.ok<any>('POST', `/events/${event.id}/guests/${ewa.id}/resend`);
    expect(resent.sentCount).toBe(2);
    const ewaMails = await waitForMail(api, (m) => m.to === 'ewa@example.com', 2, 'resent invitation');
    expect(new Set(ewaMails.map(joinLinkOf)).size).toBe(1);
    expect(presenter.invited).toHaveLength(1);
    expect((await outbox(api)).every((m) => m.attachments.some((a) => a.filename === 'invite.ics'))).toBe(true);
  });
});
