import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PLANS } from '../../shared/plans.ts';
import { openDatabase } from '../../server/db/database.ts';
import { createLogger } from '../../server/logger.ts';
import type { PartJob, PartListener, RecorderBackend, RunningPart } from '../../server/recording/recorder-backend.ts';
import { FFMPEG } from '../../server/recording/mp4-tools.ts';
import { RecordingDesk } from '../../server/recording/recording-desk.ts';
import { CAP_NOTE, MAX_RECORDING_MS, RecordingService } from '../../server/recording/recording-service.ts';
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

function build(options: { maxDurationMs?: number } = {}) {
  const handle = openDatabase(':memory:');
  // Only this area's tables are exercised: accounts and events rows are not needed here.
  handle.sqlite.pragma('foreign_keys = OFF');
  const store = new RecordingsStore(handle.db);
  const backend = new NoteBackend();
  let n = 0;
  const service = new RecordingService({
    store, backend, dir, limitsOf: () => PLANS.trial.limits, logger: createLogger('silent'), newId: () => `id-${++n}-xxxxxxxx`, now: () => new Date(), onReady: () => undefined, onChange: () => undefined, ...options,
  });
  return { store, backend, service, handle };
}
const event = { id: 'event-1', publicId: 123, accountId: 'account-1' };

describe('recording rules', () => {
  it('stops one recording at its cap (12 hours), finishes what was recorded and says so', async () => {
    expect(MAX_RECORDING_MS).toBe(12 * 60 * 60_000);
    const { store, backend, service } = build({ maxDurationMs: 300 });
    // The part a recorder would write: one second of picture and sound in the recorder's fragmented format.
    const startPart = backend.startPart.bind(backend);
    backend.startPart = async (job, listener) => {
      execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=15', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', job.file]);
      return startPart(job, listener);
    };
    await service.start(event, { language: 'en', paused: false });
    const row = store.activeFor(event.id)!;
    await vi.waitFor(() => expect(store.get(row.id)?.state).toBe('ready'), { timeout: 10_000, interval: 20 });
    expect(backend.calls).toEqual(['start recording', 'stop']);
    expect(service.roomView(event.id)).toBe('');
    const after = store.get(row.id)!;
    expect(after.active).toBe(false);
    expect(after.endedAt).not.toBeNull();
    // The file is finished (one MP4 of what was recorded) and the library row says why it stopped.
    expect(after).toMatchObject({ state: 'ready', partial: false });
    expect(existsSync(service.finalFile(row.id))).toBe(true);
    expect(after.durationMs).toBeGreaterThan(800);
    expect(after.error).toContain('12-hour limit');
    expect(CAP_NOTE).toContain('12-hour limit');
  });

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
    await vi.waitFor(() => expect(backend.calls.at(-1)).toBe('stop'), { timeout: 10_000, interval: 10 });
  });

  it('autostart records when the event goes live, paused when it starts in private mode', async () => {
    const { backend, service } = build();
    const desk = new RecordingDesk(service, event, { status: 'waiting', mode: 'private' }, { autostart: () => true, language: () => 'en', logger: createLogger('silent'), now: () => Date.now() });
    desk.observe('live', 'private');
    await vi.waitFor(() => expect(backend.calls).toEqual(['start paused']), { timeout: 10_000, interval: 10 });
    expect(desk.light).toBe('paused');
  });

  it('a recorder that dies is replaced by a new part while REC is on', async () => {
    const { backend, service, store } = build();
    await service.start(event, { language: 'en', paused: false });
    backend.listeners[0]!.died('ffmpeg ended');
    await vi.waitFor(() => expect(store.parts(store.activeFor(event.id)!.id).map((p) => p.state)).toEqual(['closed', 'writing']), { timeout: 10_000, interval: 10 });
    expect(backend.calls).toEqual(['start recording', 'start recording']);
    expect(store.parts(store.activeFor(event.id)!.id).map((p) => p.state)).toEqual(['closed', 'writing']);
  });
});
