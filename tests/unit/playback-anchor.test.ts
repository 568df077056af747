import { describe, expect, it } from 'vitest';
import { DRIFT, clockOffset, driftDecision, hasEnded, liveAnchor, parseAnchor, positionAt, reanchor, type PlaybackAnchor } from '../../shared/playback-anchor.ts';
import { applyPlayback, checkPlayback } from '../../server/rooms/rules/playback-rules.ts';

const anchor = (over: Partial<PlaybackAnchor> = {}): PlaybackAnchor => ({
  source: { kind: 'file', ref: 'f1', url: '/api/v1/media/f1/1/s/media', title: 'Intro', durationMs: 60_000 },
  serverTimeMs: 1_000_000,
  positionMs: 5_000,
  rate: 1,
  paused: false,
  version: 1,
  automated: false,
  ...over,
});

describe('the playback anchor', () => {
  it('a playing anchor moves with the server clock at its rate; a paused one stands still', () => {
    expect(positionAt(anchor(), 1_000_000)).toBe(5_000);
    expect(positionAt(anchor(), 1_010_000)).toBe(15_000);
    expect(positionAt(anchor({ rate: 1.5 }), 1_010_000)).toBe(20_000);
    expect(positionAt(anchor({ paused: true }), 1_010_000)).toBe(5_000);
  });

  it('the position stays within the video: never before 0, never past its length', () => {
    expect(positionAt(anchor(), 0)).toBe(0);
    expect(positionAt(anchor(), 1_000_000 + 3_600_000)).toBe(60_000);
    expect(hasEnded(anchor(), 1_000_000 + 55_000)).toBe(true);
    expect(hasEnded(anchor(), 1_000_000 + 54_000)).toBe(false);
    const link = anchor({ source: { kind: 'url', ref: 'https://x/v.mp4', url: 'https://x/v.mp4', title: 'x', durationMs: null } });
    expect(positionAt(link, 1_000_000 + 3_600_000)).toBe(3_605_000);
  });

  it('re-anchoring carries the live position over and counts a new version', () => {
    const paused = reanchor(anchor(), 1_004_000, { paused: true });
    expect(paused).toMatchObject({ serverTimeMs: 1_004_000, positionMs: 9_000, paused: true, version: 2 });
    expect(positionAt(paused, 2_000_000)).toBe(9_000);
    const sought = reanchor(paused, 1_005_000, { positionMs: 90_000 });
    expect(sought.positionMs).toBe(60_000);
  });

  it('for any anchor and times, positionAt after reanchor equals positionAt before it at the change', () => {
    for (let i = 0; i < 500; i++) {
      const a = anchor({ positionMs: Math.floor(Math.random() * 50_000), rate: [0.5, 1, 1.25, 2][i % 4]!, paused: i % 3 === 0 });
      const at = a.serverTimeMs + Math.floor(Math.random() * 20_000);
      const b = reanchor(a, at, {});
      expect(Math.abs(positionAt(b, at) - positionAt(a, at))).toBeLessThanOrEqual(0.5);
      const later = at + Math.floor(Math.random() * 20_000);
      expect(Math.abs(positionAt(b, later) - positionAt(a, later))).toBeLessThanOrEqual(0.5);
    }
  });

  it('a next item sent ahead takes over at its server time: before it the anchor, from it the next one', () => {
    const next = { source: { kind: 'file' as const, ref: 'f2', url: '/api/v1/media/f2/1/s/media', title: 'Part 2', durationMs: 30_000 }, serverTimeMs: 1_050_000, positionMs: 2_000 };
    const queued = anchor({ automated: true, next });
    expect(liveAnchor(queued, 1_049_999)).toBe(queued);
    expect(positionAt(queued, 1_049_999)).toBe(54_999);
    expect(liveAnchor(queued, 1_050_000)).toMatchObject({ source: { ref: 'f2' }, serverTimeMs: 1_050_000, positionMs: 2_000, paused: false, rate: 1, automated: true, next: null });
    expect(positionAt(queued, 1_050_000)).toBe(2_000);
    expect(positionAt(queued, 1_060_000)).toBe(12_000);
    // The end is the next item's: 30 s long from 0:02, it ends 28 s after its start.
    expect(hasEnded(queued, 1_077_999)).toBe(false);
    expect(hasEnded(queued, 1_078_000)).toBe(true);
  });

  it('the anchor from the room state is read defensively', () => {
    expect(parseAnchor('')).toBeNull();
    expect(parseAnchor('{not json')).toBeNull();
    expect(parseAnchor('{"x":1}')).toBeNull();
    expect(parseAnchor(JSON.stringify(anchor()))).toEqual(anchor());
  });
});

describe('the clock offset', () => {
  it('is the median of NTP-style samples and ignores one leg delayed by a busy network', () => {
    // The server's clock is 500 ms ahead; one-way delay 10 ms, one sample delayed 400 ms on the way back.
    const samples = [0, 100, 200, 300, 400, 500, 600].map((t, i) => ({ sentAt: t, serverTime: t + 10 + 500, receivedAt: t + 20 + (i === 3 ? 400 : 0) }));
    const estimate = clockOffset(samples)!;
    expect(Math.abs(estimate.offsetMs - 500)).toBeLessThanOrEqual(1);
    expect(estimate.rttMs).toBe(20);
    expect(clockOffset([])).toBeNull();
  });

  it('a symmetric round trip of any length gives the true offset', () => {
    const estimate = clockOffset([{ sentAt: 1000, serverTime: 5000 + 1150, receivedAt: 1300 }])!;
    expect(estimate.offsetMs).toBe(5000);
  });
});

describe('the drift decision', () => {
  it('leaves a player alone within the tolerance', () => {
    expect(driftDecision(10_000, 10_000 + DRIFT.toleranceMs - 1, anchor())).toEqual({ action: 'none', rate: 1 });
  });

  it('changes the rate a little below ~3 s: faster when behind, slower when ahead, at most ±25 %', () => {
    const behind = driftDecision(10_000, 10_200, anchor());
    expect(behind.action).toBe('rate');
    expect(behind.rate).toBeGreaterThan(1);
    const ahead = driftDecision(10_200, 10_000, anchor());
    expect(ahead.rate).toBeLessThan(1);
    const far = driftDecision(10_000, 12_900, anchor());
    expect(far).toEqual({ action: 'rate', rate: 1 + DRIFT.maxRateChange });
    expect(driftDecision(10_000, 10_200, anchor({ rate: 2 })).rate).toBeGreaterThan(2);
  });

  it('seeks beyond ~3 s, and whenever a paused video is visibly off', () => {
    expect(driftDecision(10_000, 13_100, anchor())).toEqual({ action: 'seek', toMs: 13_100, rate: 1 });
    expect(driftDecision(13_100, 10_000, anchor())).toEqual({ action: 'seek', toMs: 10_000, rate: 1 });
    expect(driftDecision(10_000, 10_100, anchor({ paused: true }))).toEqual({ action: 'seek', toMs: 10_100, rate: 1 });
    expect(driftDecision(10_000, 10_010, anchor({ paused: true })).action).toBe('none');
  });
});

describe('play, pause, seek and stop', () => {
  const live = { status: 'live' as const };
  const presenter = { role: 'presenter' as const, participantId: 'p' };
  it('attendees are refused with a reason; so is moving a video that is not there or a timeline\'s', () => {
    expect(() => checkPlayback(live, { role: 'attendee', participantId: 'a' }, anchor(), 'pause')).toThrow(/may not play, pause or seek/);
    expect(() => checkPlayback(live, presenter, null, 'seek')).toThrow(/No video is on the stage/);
    expect(() => checkPlayback({ status: 'ended' }, presenter, anchor(), 'play')).toThrow(/ended/);
    expect(() => checkPlayback(live, presenter, anchor({ automated: true }), 'seek')).toThrow(/timeline/);
    expect(() => checkPlayback(live, presenter, anchor({ automated: true }), 'seek', true)).not.toThrow();
    expect(() => checkPlayback(live, presenter, null, 'load')).not.toThrow();
  });

  it('pause keeps the live position, play goes on from it, seek moves it, stop clears it', () => {
    const paused = applyPlayback(anchor(), { type: 'pause' }, 1_003_000)!;
    expect(paused).toMatchObject({ paused: true, positionMs: 8_000 });
    expect(applyPlayback(paused, { type: 'pause' }, 1_009_000)).toBe(paused);
    const playing = applyPlayback(paused, { type: 'play' }, 1_009_000)!;
    expect(positionAt(playing, 1_010_000)).toBe(9_000);
    expect(applyPlayback(playing, { type: 'seek', positionMs: 30_000 }, 1_010_000)!.positionMs).toBe(30_000);
    expect(() => applyPlayback(playing, { type: 'seek', positionMs: 61_000 }, 1_010_000)).toThrow(/60 s long/);
    expect(applyPlayback(playing, { type: 'stop' }, 1_010_000)).toBeNull();
    const loaded = applyPlayback(playing, { type: 'load', source: anchor().source, positionMs: 0, paused: false }, 2_000_000)!;
    expect(loaded).toMatchObject({ serverTimeMs: 2_000_000, positionMs: 0, version: playing.version + 1, automated: false });
  });
});
