import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { events } from '../../server/db/schema-events.ts';
import { RoomStore } from '../../server/rooms/room-store.ts';
import { RoomStatesStore } from '../../server/domain/room-states-store.ts';
import type { BillingSummaryOut } from '../../shared/billing-schemas.ts';
import { PAUSED_LIMITS } from '../../shared/plans.ts';
import { createEvent, newOrganizer, type ApiClient } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';
import { createUpload, upload } from '../support/files-client.ts';
import { RoomParticipant, eventually } from '../support/room-client.ts';

// Every limit enforcer asks `limitsFor(account, at)`, and that answer knows the billing
// status: a suspended (BILL-5) or expired (BILL-6) account keeps its data and links but
// can start no event, upload nothing and record nothing, until it is active again.
// Real server, real SQLite, the real StripeGateway against the fake Stripe, billing's clock moved.
let env: Awaited<ReturnType<typeof startBillingServer>>;

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
}, 60_000);
afterAll(async () => env?.cleanup());

const limits = async (api: ApiClient) => (await api.ok<{ account: { limits: Record<string, number> } }>('GET', '/auth/me')).account.limits;
const storage = async (api: ApiClient) => (await api.ok<{ storage: { quotaBytes: number; canUpload: boolean } }>('GET', '/files')).storage;

/** The host enters the event's room and presses Start: the refusal's code, or 'started'. */
async function pressStart(api: ApiClient, eventId: number): Promise<string> {
  const host = await RoomParticipant.enter(env.url, await api.ok('POST', `/events/${eventId}/join`, {}));
  try {
    const before = host.errors.length;
    host.send('start-event', {});
    return await eventually(() => host.errors[before]?.code ?? (host.room.state.status === 'live' ? 'started' : undefined), 10_000, 'a refusal or the start');
  } finally {
    await host.leave();
  }
}

describe('a suspended or expired account runs nothing, and keeps everything', () => {
  it('suspended: no event starts, no upload, limits 0 everywhere; back on resume with the plan\'s limits', async () => {
    const { api } = await newOrganizer(env.url, 'Sue Suspend');
    await saveCard(api, env.url, env.stripe!);
    await api.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
    const event = await createEvent(api);
    expect(await limits(api)).toMatchObject({ maxAttendees: 50, parallelEvents: 1 });

    await api.ok('POST', '/billing/commands', { type: 'suspend' });
    // The dashboard, the billing summary and the room all read the same answer.
    expect(await limits(api)).toEqual(expect.objectContaining({ maxAttendees: 0, maxPresenters: 0, maxVideoStreams: 0, recordingMinutes: 0, storageMegabytes: 0, parallelEvents: 0 }));
    expect((await api.ok<BillingSummaryOut>('GET', '/billing')).limits).toMatchObject({ maxAttendees: 0, parallelEvents: 0 });
    const row = env.server.database.db.select().from(events).where(eq(events.publicId, event.id)).get()!;
    expect(new RoomStore(env.server.database.db, new RoomStatesStore(env.server.database.db), env.clock.now).load(row, 'webinar-50').limits).toEqual(PAUSED_LIMITS);
    expect(await storage(api)).toEqual(expect.objectContaining({ quotaBytes: 0, canUpload: false }));
    const refused = await upload(api, 'notes.txt', new TextEncoder().encode('hello'));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('account-inactive');
    const resumable = await createUpload(api, 'big.pdf', 1000);
    expect(resumable.status).toBe(403);
    expect(resumable.body.code).toBe('account-inactive');
    expect(await pressStart(api, event.id)).toBe('account-inactive');
    // Data and event links kept (BILL-5).
    expect((await api.request('GET', `/events/${event.id}`)).status).toBe(200);

    // Back: a new period from today, the plan's limits again, and the room (opened while suspended) starts.
    await api.ok('POST', '/billing/commands', { type: 'resume' });
    expect(await limits(api)).toMatchObject({ maxAttendees: 50, parallelEvents: 1, storageMegabytes: 1_024 });
    expect((await upload(api, 'notes.txt', new TextEncoder().encode('hello'))).status).toBe(201);
    expect(await pressStart(api, event.id)).toBe('started');
  }, 60_000);

  it('expired trial: nothing runs; a card and a plan bring it back at once (BILL-6)', async () => {
    const { api } = await newOrganizer(env.url, 'Eve Expired');
    const event = await createEvent(api, { name: 'After the trial' });
    const s = await api.ok<BillingSummaryOut>('GET', '/billing');
    expect(s.status).toBe('trial');
    env.clock.set(`${s.trialEnds}T12:00:00+01:00`);
    await env.server.billing.runDue();
    expect((await api.ok<BillingSummaryOut>('GET', '/billing')).status).toBe('expired');
    expect(await limits(api)).toMatchObject({ maxAttendees: 0, parallelEvents: 0, storageMegabytes: 0 });
    expect(await pressStart(api, event.id)).toBe('account-inactive');

    await saveCard(api, env.url, env.stripe!);
    await api.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-100', interval: 'month', currency: 'PLN' });
    expect(await limits(api)).toMatchObject({ maxAttendees: 100, parallelEvents: 1 });
    expect(await pressStart(api, event.id)).toBe('started');
  }, 60_000);

  it('an automated webinar of a suspended account does not start by its schedule; one of an active account does', async () => {
    const db = env.server.database.db;
    const roomStatus = (publicId: number) => db.all<{ status: string }>(sql`select r.status from room_states r join events e on e.id = r.event_id where e.public_id = ${publicId}`)[0]?.status ?? 'waiting';
    const startJob = (publicId: number) => db.all<{ status: string }>(sql`select j.status from jobs j join events e on e.id = j.event_id where e.public_id = ${publicId} and j.kind = 'automated-start'`)[0]?.status;
    const paying = async (name: string) => {
      const { api } = await newOrganizer(env.url, name);
      await saveCard(api, env.url, env.stripe!);
      await api.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-50', interval: 'month', currency: 'PLN' });
      return api;
    };
    const active = await paying('Ann Active');
    const suspended = await paying('Sid Suspended');
    await suspended.ok('POST', '/billing/commands', { type: 'suspend' });
    const startsAt = new Date(Date.now() + 2_000).toISOString();
    const runs = await createEvent(active, { kind: 'automated', startsAt });
    const held = await createEvent(suspended, { kind: 'automated', startsAt });
    await eventually(() => roomStatus(runs.id) === 'live', 20_000, 'the active account\'s webinar live by its schedule');
    await eventually(() => startJob(held.id) === 'done', 20_000, 'the suspended account\'s start job to have run');
    expect(roomStatus(held.id)).toBe('waiting');
  }, 60_000);
});
