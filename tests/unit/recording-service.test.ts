import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PLANS } from '../../shared/plans.ts';
import { openDatabase } from '../../server/db/database.ts';
import { createLogger } from '../../server/logger.ts';
import type { PartJob, PartListener, RecorderBackend, RunningPart } from '../../server/recording/recorder-backend.ts';
import { RecordingDesk } from '../../server/recording/recording-desk.ts';
import { RecordingService } from '../../server/recording/recording-service.ts';
import { RecordingsStore } from '../../server/recording/recordings-store.ts';

/** A back-end that records nothing, and says what it was asked. */
class NoteBackend implements RecorderBackend {
  readonly name = 'builtin' as const;
  readonly canPause = true;
  readonly calls: string[] = [];
  listeners: PartListener[] = [];
  unavailable = () => undefined;
  async startPart(job: PartJob, listener: PartListener): Promise<RunningPart> {
    this.calls.push(`start ${job.paused ? 'paused' : 'recording'}`);
    this.listeners.push(listener);
    return { pause: (at) => this.calls.push(`pause ${at}`), resume: (at) => this.calls.push(`resume ${at}`), stop: async () => void this.calls.push('stop') };
  }
  shutdown = async () => undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'rec-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build() {
  const handle = openDatabase(':memory:');
  // Only this area's tables are exercised: accounts and events rows are not needed here.
  handle.sqlite.pragma('foreign_keys = OFF');
  const store = new RecordingsStore(handle.db);
  const backend = new NoteBackend();
  let n = 0;
  const service = new RecordingService({
    store, backend, dir, limitsOf: () => PLANS.trial.limits, logger: createLogger('silent'), newId: () => `id-${++n}-xxxxxxxx`, now: () => new Date(), onReady: () => undefined, onChange: () => undefined,
  });
  return { store, backend, service, handle };
}
const event = { id: 'event-1', publicId: 123, accountId: 'account-1' };

describe('recording rules', () => {
  it('the plan\'s recording minutes block a new recording, never one that is running', async () => {
    const { store, backend, service } = build();
    await service.start(event, { language: 'pl', paused: false });
    const running = store.activeFor(event.id)!;
    // This recording alone now holds more than the trial's 30 minutes.
    store.update(running.id, { durationMs: 31 * 60_000 });
    expect(service.storage(event.accountId).full).toBe(true);
    expect(service.roomView(event.id)).toBe('recording');
    expect(backend.calls).toEqual(['start recording']);
    expect(store.activeFor(event.id)?.language).toBe('pl');
    await expect(service.start({ ...event, id: 'event-2' }, { language: 'en', paused: false })).rejects.toMatchObject({ code: 'recording-quota' });
  });

  it('private mode pauses the recording after the room saw it begin and resumes well after it ended; the host alone presses REC', async () => {
    const { backend, service } = build();
    let now = 1_000_000;
    const desk = new RecordingDesk(service, event, { status: 'live', mode: 'presentation' }, { autostart: () => false, language: () => 'en', logger: createLogger('silent'), now: () => now });
    await expect(desk.request('presenter', true, 'en')).rejects.toMatchObject({ code: 'not-allowed' });
    await desk.request('host', true, 'en');
    desk.observe('live', 'presentation');
    now += 50;
    desk.observe('live', 'private');
    expect(desk.light).toBe('paused');
    now += 4000;
    desk.observe('live', 'presentation');
    expect(desk.light).toBe('recording');
    const [pause, resume] = backend.calls.slice(1).map((c) => Number(c.split(' ')[1]));
    // Cut no earlier than the last look before private mode (what plays then was said before it)…
    expect(pause).toBeGreaterThanOrEqual(1_000_000);
    // …and taken up again only once everything said in private has played out.
    expect(resume).toBeGreaterThan(now + 1000);
    desk.observe('ended', 'presentation');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls.at(-1)).toBe('stop');
  });

  it('autostart records when the event goes live, paused when it starts in private mode', async () => {
    const { backend, service } = build();
    const desk = new RecordingDesk(service, event, { status: 'waiting', mode: 'private' }, { autostart: () => true, language: () => 'en', logger: createLogger('silent'), now: () => Date.now() });
    desk.observe('live', 'private');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls).toEqual(['start paused']);
    expect(desk.light).toBe('paused');
  });

  it('a recorder that dies is replaced by a new part while REC is on', async () => {
    const { backend, service, store } = build();
    await service.start(event, { language: 'en', paused: false });
    backend.listeners[0]!.died('ffmpeg ended');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls).toEqual(['start recording', 'start recording']);
    expect(store.parts(store.activeFor(event.id)!.id).map((p) => p.state)).toEqual(['closed', 'writing']);
  });
});
