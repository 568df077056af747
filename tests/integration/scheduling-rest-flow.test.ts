import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { icsOf, icsProperty, joinLinkOf, outbox, waitForMail } from '../support/outbox.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('registration, confirmations and rescheduling through REST alone (EV-2, EV-5)', () => {
  it('registers two people on a token event, mails each a personal link and an .ics, and sends updates with the same UID and the new time', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Token webinar', accessType: 'token', startsAt: '2031-03-10T10:00:00+01:00', timeZone: 'Europe/Warsaw' });
    await api.ok('PUT', `/events/${event.id}/registration`, {
      enabled: true,
      fields: { firstName: 'required', lastName: 'required', company: 'optional' },
      questions: [{ type: 'choice', label: 'Role', choices: ['Developer', 'Manager'], required: true }, { type: 'consent', label: 'I accept the terms', required: true }],
    });
    const form = await new ApiClient(server.url).ok<any>('GET', `/events/${event.id}/registration/form`);
    expect(form.event.name).toBe('Token webinar');
    const [role, consent] = form.questions;

    // Two people register on the public endpoint, with no credentials.
    const anonymous = new ApiClient(server.url);
    const anna = await anonymous.request('POST', `/events/${event.id}/registrations`, { email: 'anna@example.com', firstName: 'Anna', lastName: 'Łęcka', answers: { [role.id]: 'Developer', [consent.id]: true }, language: 'pl', timeZone: 'Europe/Warsaw' });
    expect(anna.status).toBe(201);
    expect(JSON.stringify(anna.body)).not.toMatch(/token|room/);
    const ben = await anonymous.request('POST', `/events/${event.id}/registrations`, { email: 'ben@example.com', firstName: 'Ben', lastName: 'Hill', answers: { [role.id]: 'Manager', [consent.id]: true }, timeZone: 'America/New_York' });
    expect(ben.status).toBe(201);

    // A missing consent and an unknown choice are refused, naming the fields.
    const bad = await anonymous.request('POST', `/events/${event.id}/registrations`, { email: 'cid@example.com', firstName: 'Cid', lastName: 'X', answers: { [role.id]: 'Astronaut' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual([`answers.${consent.id}`, `answers.${role.id}`].sort());

    // The same address again returns the existing registration and sends nothing new.
    const again = await anonymous.request('POST', `/events/${event.id}/registrations`, { email: 'ANNA@example.com', firstName: 'Anna', lastName: 'Ł', answers: { [role.id]: 'Developer', [consent.id]: true } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: anna.body.id, created: false });

    const confirmations = await waitForMail(api, (m) => m.kind === 'confirmation', 2, 'confirmations');
    expect(confirmations.map((m) => m.to).sort()).toEqual(['anna@example.com', 'ben@example.com']);
    const annaMail = confirmations.find((m) => m.to === 'anna@example.com')!;
    const benMail = confirmations.find((m) => m.to === 'ben@example.com')!;
    expect(annaMail.subject).toBe('Potwierdzenie rejestracji: Token webinar');
    expect(benMail.subject).toBe('You are registered: Token webinar');
    // Each reader sees the time in their own zone, the zone named (New York is already on summer time then).
    expect(annaMail.text).toContain('10:00 (Europe/Warsaw)');
    expect(benMail.text).toContain('05:00 (America/New York)');
    expect(benMail.text).toContain('10:00 in the organizer’s time zone (Europe/Warsaw)');
    expect(annaMail.html).toContain('<!doctype html>');

    // Each personal link works, for that person, and only for this event.
    const uids = new Set<string>();
    for (const mail of confirmations) {
      const link = joinLinkOf(mail);
      const token = new URL(link).hash.replace('#token=', '');
      expect(mail.text).toContain(token);
      const join = await anonymous.ok<any>('POST', `/events/${event.id}/join`, { token });
      expect(join.participant.role).toBe('attendee');
      expect(join.participant.name).toBe(mail.to === 'anna@example.com' ? 'Anna Łęcka' : 'Ben Hill');
      expect(join.room.name).toBe('waiting_room');
      const ics = icsOf(mail);
      expect(ics).toContain('METHOD:REQUEST');
      expect(icsProperty(ics, 'DTSTART')).toBe('20310310T090000Z');
      uids.add(icsProperty(ics, 'UID')!);
    }
    expect(uids.size).toBe(1);
    const other = await createEvent(api, { name: 'Other', accessType: 'token' });
    const foreign = await anonymous.request('POST', `/events/${other.id}/join`, { name: 'Anna', token: new URL(joinLinkOf(annaMail)).hash.replace('#token=', '') });
    expect(foreign.status).toBe(403);

    // Registrants are listed with their answers and exported as CSV.
    const registrants = (await api.ok<any>('GET', `/events/${event.id}/registrants`)).guests;
    expect(registrants.map((g: any) => g.email).sort()).toEqual(['anna@example.com', 'ben@example.com']);
    const csv = await api.request('GET', `/events/${event.id}/registrants.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('anna@example.com,Anna,Łęcka');
    expect(csv.body).toContain('Role');

    // Reschedule with "notify": updated invitations, same UID, the new time, a higher sequence.
    const moved = await api.ok<any>('PATCH', `/events/${event.id}`, { startsAt: '2031-03-11T15:30:00+01:00', notify: true });
    expect(moved.startsAt).toBe('2031-03-11T14:30:00.000Z');
    const updates = await waitForMail(api, (m) => m.kind === 'update', 2, 'updated invitations');
    for (const update of updates) {
      const ics = icsOf(update);
      expect(icsProperty(ics, 'UID')).toBe([...uids][0]);
      expect(icsProperty(ics, 'DTSTART')).toBe('20310311T143000Z');
      expect(Number(icsProperty(ics, 'SEQUENCE'))).toBeGreaterThan(Number(icsProperty(icsOf(confirmations[0]!), 'SEQUENCE')));
      expect(joinLinkOf(update)).toBe(joinLinkOf(confirmations.find((c) => c.to === update.to)!));
    }
    expect(updates.find((m) => m.to === 'anna@example.com')!.text).toContain('15:30 (Europe/Warsaw)');

    // A change without "notify" sends nothing. Mail about a change is written by a job that the
    // request queues in its own transaction, so once it answered there is nothing left on its way.
    const before = (await outbox(api)).length;
    const jobs = () => server.database.sqlite.prepare('select count(*) from jobs where event_id = (select id from events where public_id = ?)').pluck().get(event.id) as number;
    const jobsBefore = jobs();
    await api.ok('PATCH', `/events/${event.id}`, { name: 'Token webinar (renamed)' });
    expect(jobs()).toBe(jobsBefore);
    expect((await outbox(api)).length).toBe(before);

    // A removed registrant's link stops working.
    const benGuest = registrants.find((g: any) => g.email === 'ben@example.com');
    expect((await api.request('DELETE', `/events/${event.id}/guests/${benGuest.id}`)).status).toBe(204);
    const revoked = await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Ben', token: benGuest.token });
    expect(revoked.status).toBe(403);

    // Cancelling sends METHOD:CANCEL with the same UID to whoever is left.
    expect((await api.request('DELETE', `/events/${event.id}?notify=true`)).status).toBe(204);
    const [cancel] = await waitForMail(api, (m) => m.kind === 'cancellation', 1, 'cancellation');
    expect(cancel!.to).toBe('anna@example.com');
    expect(icsOf(cancel!)).toContain('METHOD:CANCEL');
    expect(icsProperty(icsOf(cancel!), 'UID')).toBe([...uids][0]);
  });

  it('gives registrants of a password event a personal link that opens it without the password', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { accessType: 'password', password: 'secret' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { firstName: 'optional', lastName: 'off' } });
    const anonymous = new ApiClient(server.url);
    await anonymous.ok('POST', `/events/${event.id}/registrations`, { email: 'zofia@example.com' });
    const [mail] = await waitForMail(api, (m) => m.kind === 'confirmation', 1, 'confirmation');
    const token = new URL(joinLinkOf(mail!)).hash.replace('#token=', '');
    const join = await anonymous.ok<any>('POST', `/events/${event.id}/join`, { token });
    expect(join.participant).toMatchObject({ role: 'attendee', name: 'zofia' });
    expect((await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Eve', token: 'made-up' })).status).toBe(403);
    expect((await anonymous.request('POST', `/events/${event.id}/join`, { name: 'Eve' })).status).toBe(401);
  });

  it('refuses registration while it is off', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const closed = await new ApiClient(server.url).request('POST', `/events/${event.id}/registrations`, { email: 'x@example.com', firstName: 'X' });
    expect(closed.status).toBe(404);
    expect(closed.body.code).toBe('registration-closed');
  });
});
