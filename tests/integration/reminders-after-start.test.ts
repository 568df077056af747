import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { outbox } from '../support/outbox.ts';
import { eventually, hostStarts, type RoomParticipant } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let host: RoomParticipant | undefined;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await host?.leave();
  await server.cleanup();
});

type Planned = { planned: { minutes: number; runAt: string }[] };

describe('reminders never go out once the event has begun', () => {
  it('does not send the 15-minute reminder of an event the host started 20 minutes early, and still sends it for one not started', async () => {
    const { api } = await newOrganizer(server.url);
    const startsAt = new Date(Date.now() + 20 * 60_000).toISOString();
    const early = await createEvent(api, { name: 'Started early', startsAt, timeZone: 'Europe/Warsaw' });
    const waiting = await createEvent(api, { name: 'Not started', startsAt, timeZone: 'Europe/Warsaw' });
    for (const event of [early, waiting]) {
      await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
      await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: `rita.${event.id}@example.com`, firstName: 'Rita' });
      expect((await api.ok<Planned>('GET', `/events/${event.id}/reminders`)).planned.map((p) => p.minutes)).toEqual([15]);
    }

    // 20 minutes before its start, the host starts the event.
    host = await hostStarts(server.url, await api.ok('POST', `/events/${early.id}/join`, {}));
    expect((await api.ok<Planned>('GET', `/events/${early.id}/reminders`)).planned).toEqual([]);
    expect((await api.ok<Planned>('GET', `/events/${waiting.id}/reminders`)).planned).toHaveLength(1);

    // Five minutes later the reminders fall due. Instead of waiting, their jobs are made due now:
    // the real job loop then runs them exactly as it would at 15 minutes before the start.
    server.database.sqlite.prepare(`update jobs set run_at = ? where kind = 'reminder' and status = 'pending'`).run(Date.now());
    const jobStatus = () => server.database.sqlite.prepare(`select status from jobs where kind = 'reminder'`).all() as { status: string }[];
    await eventually(() => jobStatus().length === 2 && jobStatus().every((j) => j.status === 'done'), 20_000, 'both reminder jobs to run');

    const reminders = await eventually(async () => {
      const list = (await outbox(api)).filter((m) => m.kind === 'reminder');
      return list.length > 0 && list;
    }, 10_000, 'the reminder of the event not started');
    expect(reminders.map((m) => [m.to, m.eventId])).toEqual([[`rita.${waiting.id}@example.com`, waiting.id]]);
    expect((await outbox(api, `?eventId=${early.id}`)).filter((m) => m.kind === 'reminder')).toEqual([]);
  }, 60_000);

  it('plans the reminders again when the event is rescheduled: the old time\'s reminder is cancelled, the new one follows the new start', async () => {
    const { api } = await newOrganizer(server.url);
    const first = Date.now() + 2 * 3_600_000;
    const event = await createEvent(api, { name: 'Moved', startsAt: new Date(first).toISOString(), timeZone: 'Europe/Warsaw' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: `moved.${event.id}@example.com`, firstName: 'Rita' });
    const runAts = async () => (await api.ok<Planned>('GET', `/events/${event.id}/reminders`)).planned.map((p) => new Date(p.runAt).getTime());
    expect(await runAts()).toEqual([first - 15 * 60_000]);

    const later = first + 3 * 3_600_000;
    await api.ok('PATCH', `/events/${event.id}`, { startsAt: new Date(later).toISOString() });
    expect(await runAts()).toEqual([later - 15 * 60_000]);
    const jobs = () => server.database.sqlite.prepare(`select j.status, j.run_at as runAt from jobs j join events e on e.id = j.event_id where j.kind = 'reminder' and e.public_id = ? order by j.run_at`).all(event.id) as { status: string; runAt: number }[];
    expect(jobs()).toEqual([{ status: 'cancelled', runAt: first - 15 * 60_000 }, { status: 'pending', runAt: later - 15 * 60_000 }]);
  });
});
