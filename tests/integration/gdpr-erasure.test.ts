import Database from 'better-sqlite3';
import { unzipSync, strFromU8 } from 'fflate';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { makePng } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { waitForMail } from '../support/outbox.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';
import type { JoinOut } from '../../shared/join-schemas.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

const ANNA = { email: 'anna@example.com', first: 'Anna', last: 'Nowak' };

/**
 * Every table and every column of the database file, read with a connection of its
 * own: where does `needle` occur (text, JSON and blobs alike)? Nothing here knows the
 * schema, so tables other areas add later are searched too.
 */
function scanDatabase(needles: string[], skip: (table: string) => boolean): string[] {
  const db = new Database(join(server.dataDir, 'app.db'), { readonly: true, fileMustExist: true });
  try {
    const hits: string[] = [];
    const tables = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    for (const table of tables.filter((t) => !skip(t))) {
      for (const row of db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value ?? '');
          for (const needle of needles) if (text.toLowerCase().includes(needle.toLowerCase())) hits.push(`${table}.${column} has ${needle}`);
        }
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

async function joinAs(api: ApiClient, eventId: number, body: Record<string, unknown>): Promise<JoinOut> {
  return new ApiClient(api.baseUrl).ok<JoinOut>('POST', `/events/${eventId}/join`, body);
}

describe('GDPR: one attendee’s export and erasure across the organizer’s events (GDPR-2)', () => {
  it('exports all of anna@example.com’s data, then erases it so that no table outside billing holds her e-mail or name, and her chat lines read "removed user"', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Privacy by design' });
    const later = await createEvent(api, { name: 'Second session' });

    // A registration with a consent, an invitation to the other event, and a contact.
    const settings = await api.ok<any>('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { lastName: 'optional', company: 'optional', phone: 'optional' }, questions: [{ type: 'consent', label: 'You may send me the slides and follow-up offers', required: true }] });
    const consentId = settings.questions[0].id as string;
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: ANNA.email, firstName: ANNA.first, lastName: ANNA.last, company: 'Nowak Consulting', phone: '+48 600 100 200', answers: { [consentId]: true } });
    await api.ok('POST', '/contacts', { email: ANNA.email, firstName: ANNA.first, lastName: ANNA.last, company: 'Nowak Consulting' });
    await api.ok('POST', `/events/${later.id}/invitations`, { people: [{ email: ANNA.email, firstName: ANNA.first, lastName: ANNA.last }] });
    await waitForMail(api, (m) => m.to === ANNA.email, 2, 'her confirmation and invitation');
    // Somebody listens for joins: the payload names her.
    await api.ok('POST', '/webhook-endpoints', { url: 'https://hooks.invalid/crm', events: ['attendee.joined', 'attendee.left'] });

    // In the room: a chat line, a question, a vote on a question, a poll answer, a CTA click, a rating.
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const bobJoin = await joinAs(api, event.id, { name: 'Bob Builder', email: 'bob@example.com' });
    const bob = await RoomParticipant.enter(server.url, bobJoin);
    const annaJoin = await joinAs(api, event.id, { name: `${ANNA.first} ${ANNA.last}`, email: ANNA.email });
    const anna = await RoomParticipant.enter(server.url, annaJoin);
    host.send('set-qa-open', { open: true });
    await eventually(() => anna.room.state.qaOpen, 10_000, 'Q&A open');
    anna.send('chat', { text: 'My number is +48 600 100 200, call me' });
    anna.send('chat', { text: 'Will the recording be shared?', asQuestion: true });
    bob.send('chat', { text: 'Thanks Anna Nowak, good point' });
    await eventually(() => host.chat.length >= 3, 10_000, 'three lines');
    const bobsQuestion = (bob.send('chat', { text: 'Is there a part two?', asQuestion: true }), await eventually(() => [...anna.questions.values()].find((q) => q.text === 'Is there a part two?'), 10_000, 'Bob’s question'));
    anna.send('vote-question', { questionId: bobsQuestion.id });
    host.send('set-mode', { mode: 'discussion' });
    host.send('poll-create', { title: 'Feedback', questions: [{ text: 'Anything to add?', type: 'open' }] });
    const poll = await eventually(() => host.last<any[]>('polls')?.[0], 10_000, 'poll created');
    host.send('poll-start', { pollId: poll.id });
    await eventually(() => anna.room.state.poll.includes(poll.id), 10_000, 'poll on stage');
    anna.send('poll-answer', { pollId: poll.id, answers: [{ questionId: poll.questions[0].id, text: 'Anna Nowak liked it' }] });
    host.send('cta-show', { message: 'Book a demo', buttonLabel: 'Book', url: 'https://example.com/demo', durationSeconds: 60 });
    const cta = await eventually(() => anna.room.state.cta, 10_000, 'CTA shown');
    anna.send('cta-click', { ctaId: cta.id });
    await eventually(async () => {
      const report = await api.ok<any>('GET', `/events/${event.id}/report`);
      const row = report.attendees.find((a: any) => a.email === ANNA.email);
      return row?.ctaClicks === 1 && row.pollAnswers === 1 && row.questionsUpvoted === 1 && row.chatLines === 2;
    }, 10_000, 'her activity recorded');
    await anna.leave();
    await bob.leave();
    host.send('end-event', {});
    await eventually(async () => (await api.ok<any>('GET', `/events/${event.id}/report`)).event.status === 'ended', 10_000, 'the end');
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/rating`, { ticket: annaJoin.ticket, rating: 5, comment: 'Great, thanks from Anna' });
    await eventually(async () => (await api.ok<any>('GET', '/webhook-deliveries')).deliveries.some((d: any) => d.eventType === 'attendee.joined'), 10_000, 'webhook messages queued');

    // Another organizer knows nothing of her.
    const other = await newOrganizer(server.url, 'Someone Else');
    expect((await other.api.request('POST', '/attendee-data/export', { email: ANNA.email })).status).toBe(404);
    expect((await other.api.request('POST', '/attendee-data/erasure', { email: ANNA.email })).status).toBe(404);
    expect((await api.request('POST', '/attendee-data/export', { email: 'not-an-address' })).status).toBe(400);
    // Nor of the event: its report, its download and its deletion are 404 to them.
    expect((await other.api.request('GET', `/events/${event.id}/report.json`)).status).toBe(404);
    expect((await other.api.request('DELETE', `/events/${event.id}`)).status).toBe(404);

    // The export before erasure holds all of it, and the consent with its date.
    const exported = await api.request('POST', '/attendee-data/export', { email: ANNA.email });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = exported.body;
    expect(data.subject.names).toContain('Anna Nowak');
    const records = data.records as Record<string, any[]>;
    expect(records.event_guests!.map((g) => g.source).sort()).toEqual(['invitation', 'registration']);
    expect(records.event_guests!.find((g) => g.source === 'registration')).toMatchObject({ phone: '+48 600 100 200', company: 'Nowak Consulting' });
    expect(records.contacts).toHaveLength(1);
    expect(records.participants!.some((p) => p.email === ANNA.email && p.name === 'Anna Nowak')).toBe(true);
    expect(records.chat_messages!.map((l) => l.text)).toEqual(expect.arrayContaining(['My number is +48 600 100 200, call me', 'Will the recording be shared?', 'Thanks Anna Nowak, good point']));
    expect(records.questions!.map((q) => q.text)).toContain('Will the recording be shared?');
    expect(records.question_votes).toHaveLength(1);
    expect(records.poll_answers![0].answer).toEqual({ text: 'Anna Nowak liked it' });
    expect(records.attendance!.length).toBeGreaterThanOrEqual(1);
    expect(records.cta_clicks![0]).toMatchObject({ clicks: 1 });
    expect(records.event_ratings![0]).toMatchObject({ rating: 5, comment: 'Great, thanks from Anna' });
    expect(records.attendee_clients).toHaveLength(1);
    expect(records.mail_messages!.map((m) => m.kind).sort()).toEqual(expect.arrayContaining(['confirmation', 'invitation']));
    expect(records.webhook_deliveries!.length).toBeGreaterThanOrEqual(1);
    expect(data.consents).toEqual([expect.objectContaining({ kind: 'registration', text: 'You may send me the slides and follow-up offers', given: true, eventName: 'Privacy by design' })]);
    expect(Date.parse(data.consents[0].at)).toBeGreaterThan(Date.now() - 10 * 60_000);
    // The account's own export lists the consent too.
    const zip = unzipSync(new Uint8Array(await (await fetch(`${server.url}/api/v1/account/export`, { headers: { authorization: `Bearer ${api.apiKey}` } })).arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['account.json']!)).consents).toEqual([expect.objectContaining({ email: ANNA.email, given: true, at: data.consents[0].at })]);
    // Nothing that opens doors leaves the server.
    expect(JSON.stringify(data)).not.toMatch(/password_hash|presenter_key/);

    // Rectification first: a typo in her name is corrected everywhere.
    const rectified = await api.ok<any>('POST', '/attendee-data/rectification', { email: ANNA.email, newName: 'Anna Nowak-Kowalska' });
    // Her two lines and Bob's line that named her.
    expect(rectified.updated).toMatchObject({ participants: 1, chat_messages: 3, event_guests: 2, contacts: 1 });
    expect((await api.ok<any>('GET', `/events/${event.id}/report`)).attendees.find((a: any) => a.email === ANNA.email).name).toBe('Anna Nowak-Kowalska');

    const erased = await api.ok<any>('POST', '/attendee-data/erasure', { email: ANNA.email });
    expect(erased.deleted).toMatchObject({ attendance: expect.any(Number), poll_answers: 1, cta_clicks: 1, event_ratings: 1, event_guests: 2, contacts: 1, question_votes: 1 });

    // A scan of every table: neither her e-mail nor any of her names, outside billing.
    expect(scanDatabase([ANNA.email, 'Anna Nowak', 'Nowak-Kowalska', 'Nowak Consulting', '600 100 200'], (t) => t.startsWith('billing_'))).toEqual([]);
    // Her lines stay in the transcript as "removed user"; Bob's are his.
    const report = await api.ok<any>('GET', `/events/${event.id}/report`);
    const lines = report.chat.filter((l: any) => l.name === 'removed user');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.text).toBe('removed user');
    expect(report.chat.find((l: any) => l.name === 'Bob Builder').text).toBe('Thanks removed user, good point');
    expect(report.attendees.map((a: any) => a.name)).toEqual(['Bob Builder']);
    // Done is done: she is no longer known.
    expect((await api.request('POST', '/attendee-data/export', { email: ANNA.email })).status).toBe(404);
  });

  it('keeps the chat text when the organizer chooses, still as "removed user"', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Keep the words' });
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const carla = await RoomParticipant.enter(server.url, await joinAs(api, event.id, { name: 'Carla Zielińska', email: 'carla@example.com' }));
    carla.send('chat', { text: 'The second slide had a typo' });
    await eventually(() => host.chat.some((l) => l.text === 'The second slide had a typo'), 10_000, 'her line');
    await carla.leave();
    await api.ok('POST', '/attendee-data/erasure', { email: 'carla@example.com', keepText: true });
    const report = await api.ok<any>('GET', `/events/${event.id}/report`);
    expect(report.chat).toEqual([expect.objectContaining({ name: 'removed user', text: 'The second slide had a typo' })]);
    expect(scanDatabase(['carla@example.com', 'Zielińska'], (t) => t.startsWith('billing_'))).toEqual([]);
    await host.leave();
  });
});

describe('GDPR: rectification and the REST reference', () => {
  it('changes an attendee’s e-mail everywhere: participant, registration, contact, personal link label and unsent mail', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Typo in the address' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'dora@exmaple.com', firstName: 'Dora' });
    await api.ok('POST', '/contacts', { email: 'dora@exmaple.com', firstName: 'Dora' });
    await joinAs(api, event.id, { name: 'Dora', email: 'dora@exmaple.com' });
    await waitForMail(api, (m) => m.to === 'dora@exmaple.com', 1, 'her confirmation');
    const result = await api.ok<any>('POST', '/attendee-data/rectification', { email: 'dora@exmaple.com', newEmail: 'dora@example.com' });
    expect(result.updated).toMatchObject({ participants: 1, event_guests: 1, contacts: 1, event_tokens: 1 });
    expect((await api.request('POST', '/attendee-data/export', { email: 'dora@exmaple.com' })).status).toBe(404);
    const data = (await api.request('POST', '/attendee-data/export', { email: 'dora@example.com' })).body;
    expect(data.records.event_guests[0].email).toBe('dora@example.com');
    expect(data.records.contacts[0].email).toBe('dora@example.com');
    expect(scanDatabase(['dora@exmaple.com'], () => false)).toEqual([]);
    // The REST reference documents all of it.
    const doc = await new ApiClient(server.url).ok<any>('GET', '/openapi.json');
    for (const path of ['/account/export', '/account/erasure', '/attendee-data/export', '/attendee-data/erasure', '/attendee-data/rectification']) expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe('GDPR: the organizer’s own account (GDPR-1)', () => {
  it('exports the account as a zip of JSON and files, then erases everything but the billing records', async () => {
    const { api, session } = await newOrganizer(server.url, 'Zofia Eraseme');
    const event = await createEvent(api, { name: 'Zofia’s launch' });
    const file = await uploadReady(api, 'logo.png', makePng());
    const accountId = session.account.id;
    // A billing record of the account, as the billing area writes them (kept for the legal period).
    server.database.sqlite.prepare(`insert into billing_balance_entries (id, account_id, currency, amount, kind, ref, created_at) values (?, ?, 'PLN', 15000, 'top-up', ?, ?)`).run(`bal-${accountId}`, accountId, `ref-${accountId}`, Date.now());

    const response = await fetch(`${server.url}/api/v1/account/export`, { headers: { authorization: `Bearer ${api.apiKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const json = JSON.parse(strFromU8(zip['account.json']!));
    expect(json.tables.accounts[0]).toMatchObject({ id: accountId, name: 'Zofia Eraseme' });
    expect(json.tables.events.map((e: any) => e.public_id)).toEqual([event.id]);
    expect(json.tables.users[0]).not.toHaveProperty('password_hash');
    expect(json.tables.billing_balance_entries).toHaveLength(1);
    expect(zip[`files/${file.id}/original`]?.byteLength).toBe(makePng().byteLength);
    expect(existsSync(join(server.dataDir, 'files', file.id))).toBe(true);

    expect((await api.request('POST', '/account/erasure', { confirm: 'wrong name' })).status).toBe(400);
    const erased = await api.ok<any>('POST', '/account/erasure', { confirm: 'Zofia Eraseme' });
    expect(erased.deleted).toMatchObject({ events: 1, files: 1, users: 1 });
    expect(erased.keptForBilling).toContain('billing_balance_entries');

    // Nothing of the account is left but its billing records; its files are gone from disk.
    expect(scanDatabase([accountId, 'Zofia'], (t) => t.startsWith('billing_'))).toEqual([]);
    expect(server.database.sqlite.prepare('select count(*) as n from billing_balance_entries where account_id = ?').get(accountId)).toEqual({ n: 1 });
    expect(existsSync(join(server.dataDir, 'files', file.id))).toBe(false);
    expect((await api.request('GET', '/events')).status).toBe(401);
  });
});
