import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FFMPEG, isFastStart, joinParts, probeFile, run, thumbnail, topLevelBoxes, trimCopy } from '../../server/recording/mp4-tools.ts';
import { eventually } from '../support/room-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'rec-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The recorder's own output settings: H.264 with a keyframe every 2 s, AAC, fragmented MP4. */
const FRAGMENTED = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-flush_packets', '1'];
const source = (seconds: number) => ['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=15:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=48000:duration=${seconds}`];

describe('making the library file from recorded parts', () => {
  it('remuxes a fragmented part to one faststart MP4 with H.264 and AAC, trims without re-encoding and draws a thumbnail', async () => {
    const part = join(dir, 'part-1.mp4');
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...source(6), ...FRAGMENTED, part]);
    expect(topLevelBoxes(part).slice(0, 3)).toEqual(['ftyp', 'moov', 'moof']);
    const final = join(dir, 'final.mp4');
    await joinParts([part], final);
    expect(isFastStart(final)).toBe(true);
    const facts = await probeFile(final);
    expect(facts).toMatchObject({ video: 'h264', audio: 'aac' });
    expect(facts.durationMs).toBeGreaterThan(5800);
    expect(facts.durationMs).toBeLessThan(6200);
    const trimmed = join(dir, 'trimmed.mp4');
    // Asked for 2.5–5 s: the cut starts on the keyframe before 2.5 s and says so; the length is out − in.
    const points = await trimCopy(final, trimmed, 2500, 5000);
    expect(points.inMs).toBeLessThanOrEqual(2500);
    expect(points.inMs).toBeGreaterThan(500);
    const cut = await probeFile(trimmed);
    expect(Math.abs(cut.durationMs - (points.outMs - points.inMs))).toBeLessThan(150);
    expect(isFastStart(trimmed)).toBe(true);
    await thumbnail(final, join(dir, 'thumb.jpg'), facts.durationMs);
    expect(statSync(join(dir, 'thumb.jpg')).size).toBeGreaterThan(500);
  });

  it('keeps what a SIGKILLed ffmpeg wrote and joins it with a second part into one file covering both', async () => {
    const cut = join(dir, 'cut.mp4');
    const child = spawn(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-re', ...source(30), ...FRAGMENTED, cut]);
    // Killed once a few fragments are on disk, as a crash would.
    await eventually(async () => existsSync(cut) && (await probeFile(cut).catch(() => ({ durationMs: 0 }))).durationMs >= 4000, 30_000, 'fragments written');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const partial = await probeFile(cut);
    expect(partial.durationMs).toBeGreaterThanOrEqual(4000);
    const second = join(dir, 'second.mp4');
    await run(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...source(3), ...FRAGMENTED, second]);
    const joined = join(dir, 'joined.mp4');
    await joinParts([cut, second], joined);
    const facts = await probeFile(joined);
    expect(facts.durationMs).toBeGreaterThan(partial.durationMs + 2500);
    expect(facts.durationMs).toBeLessThan(partial.durationMs + 3700);
    expect(isFastStart(joined)).toBe(true);
  });
});
