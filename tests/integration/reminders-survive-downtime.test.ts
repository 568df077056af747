import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { outbox, waitForMail } from '../support/outbox.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'webinar-reminders-'));
let server: ChildProcess | undefined;
afterAll(async () => {
  if (server) await kill(server);
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * While the server is down, its pending reminders' time passes: their due time is moved
 * into the past in the database file, instead of the test waiting for the clock.
 */
function letRemindersFallDue(): number {
  const db = new Database(join(dataDir, 'app.db'));
  try {
    return db.prepare("update jobs set run_at = ? where kind = 'reminder' and status = 'pending'").run(Date.now() - 1_000).changes;
  } finally {
    db.close();
  }
}

describe('reminders are durable jobs', () => {
  it('sends a reminder that fell due while the server was stopped once it is back, and never twice', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(port, dataDir);

    const { api } = await newOrganizer(base);
    // Starts in an hour: the default 15-minute reminder is far off while the server runs.
    const startsAt = new Date(Date.now() + 60 * 60_000);
    const event = await createEvent(api, { name: 'Reminder webinar', startsAt: startsAt.toISOString(), timeZone: 'Europe/Warsaw' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true, fields: { firstName: 'optional' } });
    await new ApiClient(base).ok('POST', `/events/${event.id}/registrations`, { email: 'rita@example.com', firstName: 'Rita' });
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'ivan@example.com' });
    const planned = await api.ok<{ planned: { minutes: number; runAt: string }[] }>('GET', `/events/${event.id}/reminders`);
    expect(planned.planned.map((p) => p.minutes)).toEqual([15]);
    const dueAt = new Date(planned.planned[0]!.runAt).getTime();

    // Down before the reminder's time, and still down when it passes.
    await kill(server, 'SIGKILL');
    server = undefined;
    expect(Date.now()).toBeLessThan(dueAt);
    expect((await outbox(api).catch(() => undefined))).toBeUndefined();
    expect(letRemindersFallDue()).toBe(1);

    server = await startServerProcess(port, dataDir);
    const reminders = await waitForMail(api, (m) => m.kind === 'reminder', 2, 'reminders after the restart');
    expect(reminders.map((m) => m.to).sort()).toEqual(['ivan@example.com', 'rita@example.com']);
    expect(reminders[0]!.subject).toBe('Reminder: Reminder webinar starts in 15 minutes');
    expect(reminders[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Another restart, and scheduler passes after it: still exactly one reminder each. The
    // passes are seen to have run by a second event's reminder, made due while it was down.
    const later = await createEvent(api, { name: 'Second webinar', startsAt: startsAt.toISOString(), timeZone: 'Europe/Warsaw' });
    await api.ok('POST', `/events/${later.id}/invitations`, { text: 'olga@example.com' });
    await kill(server, 'SIGTERM');
    expect(letRemindersFallDue()).toBe(1);
    server = await startServerProcess(port, dataDir);
    await waitForMail(api, (m) => m.kind === 'reminder' && m.to === 'olga@example.com', 1, 'the second event\'s reminder after the restart');
    expect((await outbox(api)).filter((m) => m.kind === 'reminder' && m.to !== 'olga@example.com')).toHaveLength(2);
  }, 120_000);
});
