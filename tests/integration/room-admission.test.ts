import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketSigner } from '../../server/domain/tickets.ts';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { TEST_SECRET, startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let eventA: number;
let eventB: number;
beforeAll(async () => {
  server = await startTestServer();
  const { api } = await newOrganizer(server.url);
  eventA = (await createEvent(api, { name: 'Event A' })).id;
  const other = await newOrganizer(server.url, 'Other organizer');
  eventB = (await createEvent(other.api, { name: 'Event B' })).id;
  hosts.push(await hostStarts(server.url, await api.ok('POST', `/events/${eventA}/join`, {})));
  hosts.push(await hostStarts(server.url, await other.api.ok('POST', `/events/${eventB}/join`, {})));
});
const hosts: RoomParticipant[] = [];
afterAll(async () => {
  for (const host of hosts) await host.leave();
  await server.cleanup();
});

async function expectRefused(promise: Promise<unknown>, message: RegExp = /ticket/i) {
  await expect(promise).rejects.toThrow(message);
}

describe('only a valid ticket for this event enters its room', () => {
  it('refuses a forged ticket', async () => {
    const join = await joinEvent(server.url, eventA, { name: 'Mallory' });
    const [header, payload] = join.ticket.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url');
    const forged = `${header}.${forgedPayload}.${join.ticket.split('.')[2]}`;
    await expectRefused(new Client(server.url).joinOrCreate('live_event', { eventId: eventA, ticket: forged }));
    const signedElsewhere = await new TicketSigner('another-secret-of-sufficient-length-000000').issue({ participantId: join.participant.id, eventId: claims.evt, role: 'host', name: 'M' });
    await expectRefused(new Client(server.url).joinOrCreate('live_event', { eventId: eventA, ticket: signedElsewhere.token }));
    await expectRefused(new Client(server.url).joinOrCreate('live_event', { eventId: eventA }));
  });

  it('refuses an expired ticket', async () => {
    const join = await joinEvent(server.url, eventA, { name: 'Late Larry' });
    const claims = JSON.parse(Buffer.from(join.ticket.split('.')[1]!, 'base64url').toString());
    const anHourAgo = () => new Date(Date.now() - 3_600_000);
    const expired = await new TicketSigner(TEST_SECRET, anHourAgo).issue({ participantId: join.participant.id, eventId: claims.evt, role: 'attendee', name: 'Late Larry' });
    await expectRefused(new Client(server.url).joinOrCreate('live_event', { eventId: eventA, ticket: expired.token }));
  });

  it('a ticket for event A never opens event B', async () => {
    const ticketA = await joinEvent(server.url, eventA, { name: 'Anna' });
    await expectRefused(new Client(server.url).joinOrCreate('live_event', { eventId: eventB, ticket: ticketA.ticket }));
    // Straight at B's room by id, past the matchmaking check: the room itself refuses.
    const insideB = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventB, { name: 'Bob' }));
    await expectRefused(new Client(server.url).joinById(insideB.room.roomId, { ticket: ticketA.ticket }, LiveRoomState));
    await insideB.leave();
  });

  it('query-string and room-option additions such as role=host change nothing', async () => {
    const api = new ApiClient(server.url);
    const join = await api.ok<any>('POST', `/events/${eventA}/join?role=host`, { name: 'Sneaky', role: 'host' });
    expect(join.participant.role).toBe('attendee');
    const inside = await RoomParticipant.enter(server.url, join, { role: 'host', participantId: 'someone-else', name: 'Boss' });
    const me = await eventually(() => inside.you, 10_000, 'who the room says I am');
    expect(me).toMatchObject({ participantId: join.participant.id, role: 'attendee', name: 'Sneaky' });
    const asHostSees = await eventually(() => hosts[0]!.roster.get(join.participant.id), 10_000, 'roster entry at the host');
    expect(asHostSees.role).toBe('attendee');
    inside.send('chat', { text: 'hi', senderId: 'someone-else', role: 'host' });
    const line = await eventually(() => inside.chat[0], 10_000, 'own line');
    expect(line).toMatchObject({ participantId: join.participant.id, role: 'attendee', name: 'Sneaky' });
    await inside.leave();
  });

  it('refuses matchmaking for other room types and methods', async () => {
    const join = await joinEvent(server.url, eventA, { name: 'Curious' });
    await expect(new Client(server.url).create('live_event', { eventId: eventA, ticket: join.ticket })).rejects.toThrow();
    await expect(new Client(server.url).joinOrCreate('lobby', { eventId: eventA, ticket: join.ticket })).rejects.toThrow();
  });
});

describe('chat in the room', () => {
  it('refuses an empty or over-long line with an error to the sender only, and keeps working', async () => {
    const a = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventA, { name: 'Ala' }));
    const b = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventA, { name: 'Basia' }));
    a.send('chat', { text: 'x'.repeat(2001) });
    a.send('chat', { text: '   ' });
    a.send('chat', { nope: true });
    await eventually(() => a.errors.length === 3, 10_000, 'three refusals');
    expect(a.errors.every((e) => e.code === 'invalid-message')).toBe(true);
    expect(a.errors[0]!.message).toMatch(/2000/);
    const longest = 'ż'.repeat(2000); // 4,000 bytes of UTF-8: within the frame cap
    a.send('chat', { text: longest });
    await eventually(() => b.chat.find((l) => l.text === longest), 10_000, 'the longest allowed line');
    expect(b.errors).toEqual([]);
    expect(b.chat.filter((l) => l.participantId !== b.you?.participantId)).toHaveLength(1);
    await a.leave();
    await b.leave();
  });

  it('stores each line before broadcasting it, so a late joiner receives the earlier lines', async () => {
    const first = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventB, { name: 'Early' }));
    for (const text of ['one', 'two', 'three']) first.send('chat', { text });
    await eventually(() => first.chat.length === 3, 10_000, 'three lines');
    const late = await RoomParticipant.enter(server.url, await joinEvent(server.url, eventB, { name: 'Late' }));
    const history = await eventually(() => late.history, 10_000, 'history');
    expect(history.map((l) => l.text).slice(-3)).toEqual(['one', 'two', 'three']);
    await first.leave();
    await late.leave();
  });
});
