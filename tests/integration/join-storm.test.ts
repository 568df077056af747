import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import type { EventOut } from '../../shared/event-schemas.ts';
import { attendance } from '../../server/db/schema-events.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * A webinar starting on the hour: 300 people press "Join" in the same instant, each
 * the whole way in (REST join, matchmaking, WebSocket, first state) with the real SDK.
 * Everybody must get in; no assertion on time (the machine may be busy). They come
 * from 30 loopback addresses, ten per address, as an audience comes from many networks
 * (the per-address join limit stays at its default).
 */
const CROWD = 300;

let server: Awaited<ReturnType<typeof startTestServer>>;
let event: EventOut;
let host: RoomParticipant;
const inside: RoomParticipant[] = [];

/** POST /events/{id}/join from a chosen local address (fetch cannot pick one). */
function joinFrom(address: string, name: string): Promise<JoinOut> {
  const body = JSON.stringify({ name });
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/v1/events/${event.id}/join`, {
      method: 'POST',
      localAddress: address,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(JSON.parse(text) as JoinOut) : reject(new Error(`join ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  server = await startTestServer({ env: { DEFAULT_PLAN: 'self-hosted' } });
  const { api } = await newOrganizer(server.url);
  event = await createEvent(api, { name: 'On the hour' });
  host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
}, 60_000);

afterAll(async () => {
  await Promise.all([host, ...inside].map((p) => p?.leave()));
  await server?.cleanup();
}, 60_000);

describe('a join storm', () => {
  it(`${CROWD} joins fired at once all succeed`, async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: CROWD }, async (_, i) => {
      const join = await joinFrom(`127.0.${1 + Math.floor(i / 10)}.${1 + (i % 10)}`, `Attendee ${i}`);
      const participant = await RoomParticipant.enter(server.url, join);
      inside.push(participant);
      return participant;
    }));
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason));
    expect(failures).toEqual([]);
    expect(inside).toHaveLength(CROWD);

    // Everyone is counted, the host's roster (sent in batches) has them all online, and each one got the chat history.
    await eventually(() => host.room.state.attendeesOnline === CROWD, 30_000, `${CROWD} attendees online in the state`);
    await eventually(() => [...host.roster.values()].filter((e) => e.role === 'attendee' && e.online).length === CROWD, 30_000, 'the whole crowd in the host\'s roster');
    await eventually(() => inside.every((p) => p.history !== undefined), 30_000, 'the chat history at every attendee');
    // Each entrance is on record (written in groups, one transaction per event-loop turn).
    expect(server.database.db.select().from(attendance).all().length).toBe(CROWD + 1);
  }, 180_000);
});
