import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reminders are durable jobs', () => {
  it('sends a reminder that fell due while the server was stopped once it is back, and never twice', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServerProcess(port, dataDir);

    const { api } = await newOrganizer(base);
    // Starts in 15 minutes and 12 seconds: the default 15-minute reminder falls due in 12 s.
    const startsAt = new Date(Date.now() + 15 * 60_000 + 12_000);
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
    await sleep(dueAt - Date.now() + 1_000);

    server = await startServerProcess(port, dataDir);
    const reminders = await waitForMail(api, (m) => m.kind === 'reminder', 2, 'reminders after the restart');
    expect(reminders.map((m) => m.to).sort()).toEqual(['ivan@example.com', 'rita@example.com']);
    expect(reminders[0]!.subject).toBe('Reminder: Reminder webinar starts in 15 minutes');
    expect(reminders[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Another restart, and a few scheduler passes: still exactly one reminder each.
    await kill(server, 'SIGTERM');
    server = await startServerProcess(port, dataDir);
    await sleep(6_000);
    expect((await outbox(api)).filter((m) => m.kind === 'reminder')).toHaveLength(2);
  }, 120_000);
});
