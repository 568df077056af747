import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timeline } from '../../shared/automated-timeline.ts';
import type { FileOut } from '../../shared/file-schemas.ts';
import type { PublishOut, WatchOut } from '../../shared/ondemand-schemas.ts';
import type { PollOut } from '../../shared/poll-schemas.ts';
import type { RecordingOut } from '../../shared/recording-schemas.ts';
import { events } from '../../server/db/schema-events.ts';
import { recordingParts, recordings } from '../../server/db/schema-recording.ts';
import { ctaShows, polls } from '../../server/db/schema-room-activity.ts';
import { FFMPEG, probeFile, run } from '../../server/recording/mp4-tools.ts';
import { ApiClient, createEvent, newOrganizer } from '../support/api-client.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

/**
 * The recorder itself is proven by the recording tests; here a finished recording is put
 * in place as the recorder leaves one (rows, kept spans, an 8 s H.264/AAC MP4 with a
 * keyframe every second) with a 2 s pause between 4 s and 6 s of the live session.
 */
async function finishedRecording(publicId: number, t0: number): Promise<string> {
  const db = server.database.db;
  const event = db.select().from(events).where(eq(events.publicId, publicId)).get()!;
  const id = `rec${publicId}`;
  const dir = join(server.dataDir, 'recordings', id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'recording.mp4');
  await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15:duration=8', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=8',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-keyint_min', '15', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', file]);
  db.insert(recordings).values({ id, accountId: event.accountId, eventId: event.id, backend: 'builtin', state: 'ready', active: false, partial: false, language: 'en', startedAt: new Date(t0), endedAt: new Date(t0 + 10_000), durationMs: 8_000, sizeBytes: statSync(file).size, createdAt: new Date(t0) }).run();
  db.insert(recordingParts).values({ id: `${id}-p0`, recordingId: id, seq: 0, state: 'closed', kept: JSON.stringify([{ from: t0, to: t0 + 4_000 }, { from: t0 + 6_000, to: t0 + 10_000 }]), durationMs: 8_000, createdAt: new Date(t0) }).run();
  // The live session's poll (wall 7–9 s: file 5–7 s) and CTA (wall 1–3 s: file 1–3 s).
  const poll = db.select().from(polls).where(eq(polls.eventId, event.id)).get()!;
  db.update(polls).set({ status: 'ended', startedAt: new Date(t0 + 7_000), endedAt: new Date(t0 + 9_000) }).where(eq(polls.id, poll.id)).run();
  db.insert(ctaShows).values({ id: `${id}-cta`, eventId: event.id, message: 'Book a demo', buttonLabel: 'Book', url: 'https://example.com/demo', shownAt: new Date(t0 + 1_000), closedAt: new Date(t0 + 3_000) }).run();
  return id;
}

describe('publishing a recording as an on-demand event (POST-2 → OD-1)', () => {
  it('gives an on-demand event of the trimmed length, with the live CTA and poll at the times they happened', async () => {
    const { api } = await newOrganizer(server.url);
    const live = await createEvent(api, { name: 'Launch webinar' });
    await api.ok<PollOut>('POST', `/events/${live.id}/polls`, { title: 'Ready to buy?', questions: [{ text: 'Ready?', type: 'single', choices: [{ text: 'Yes' }, { text: 'Not yet' }] }] });
    const recordingId = await finishedRecording(live.id, Date.now() - 60_000);

    const trimmed = await api.ok<RecordingOut>('PUT', `/recordings/${recordingId}/trim`, { inMs: 2_000, outMs: 7_000 });
    expect([trimmed.trimInMs, trimmed.trimOutMs]).toEqual([2_000, 7_000]);

    const other = await newOrganizer(server.url, 'Oskar Other');
    expect((await other.api.request('POST', `/recordings/${recordingId}/publish`, {})).status).toBe(404);

    const published = await api.ok<PublishOut>('POST', `/recordings/${recordingId}/publish`, {});
    expect(published).toMatchObject({ name: 'Launch webinar (on demand)', durationMs: 5_000, polls: 1, ctas: 1 });
    const event = await api.ok<{ kind: string }>('GET', `/events/${published.eventId}`);
    expect(event.kind).toBe('on_demand');
    const { timeline } = await api.ok<{ timeline: Timeline }>('GET', `/events/${published.eventId}/timeline`);
    expect(timeline.main).toEqual([expect.objectContaining({ kind: 'recording', startMs: 0, durationMs: 5_000, inMs: 0 })]);
    // File positions minus the in point: the CTA from 1 s (before the cut: from 0) to 3 s → 0–1 s; the poll 5–7 s → 3–5 s.
    expect(timeline.overlay).toEqual([
      expect.objectContaining({ kind: 'poll', startMs: 3_000, durationMs: 2_000 }),
      expect.objectContaining({ kind: 'cta', startMs: 0, durationMs: 1_000, message: 'Book a demo' }),
    ]);
    const pollId = (timeline.overlay[0] as { pollId: string }).pollId;
    const copied = await api.ok<PollOut[] | { polls: PollOut[] }>('GET', `/events/${published.eventId}/polls`);
    expect(JSON.stringify(copied)).toContain(pollId);

    // The cut is a video of the library, and a viewer plays it: about 5 s long.
    const files = await api.ok<{ files: FileOut[] } | FileOut[]>('GET', '/files');
    const list = Array.isArray(files) ? files : files.files;
    const asset = list.find((f) => f.id === (timeline.main[0] as { assetId: string }).assetId)!;
    expect(asset).toMatchObject({ kind: 'video', status: 'ready', durationMs: 5_000 });
    const viewer = new ApiClient(server.url);
    await viewer.ok('POST', `/ondemand/${published.eventId}/access`, {});
    const watch = await viewer.ok<WatchOut>('GET', `/ondemand/${published.eventId}`);
    expect(watch.durationMs).toBe(5_000);
    const served = await fetch(`${server.url}${watch.assets[asset.id]!.base}/media`);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    const out = join(server.dataDir, 'served.mp4');
    writeFileSync(out, bytes);
    expect(Math.abs((await probeFile(out)).durationMs - 5_000)).toBeLessThan(200);
  });
});
