import { describe, expect, it } from 'vitest';
import { allowedMaxMs, bucketMsFor, checkProgress, dropoffCurve, mergeRanges, rangesLength } from '../../shared/ondemand-progress.ts';
import { filePositionMs } from '../../server/ondemand/ondemand-publish.ts';

describe('on-demand progress rules', () => {
  it('merges overlapping and touching ranges, and measures what was watched once', () => {
    const merged = mergeRanges([{ fromMs: 5_500, toMs: 8_500 }, { fromMs: 0, toMs: 2_000 }, { fromMs: 1_500, toMs: 3_000 }, { fromMs: 3_500, toMs: 4_000 }]);
    expect(merged).toEqual([{ fromMs: 0, toMs: 4_000 }, { fromMs: 5_500, toMs: 8_500 }]);
    expect(rangesLength(merged)).toBe(7_000);
  });

  it('refuses a position further than the wall time allows, with the reason', () => {
    const limit = allowedMaxMs({ reachedBeforeMs: 0, startedAt: 1_000, maxPosMs: 0, lastBeatAt: 1_000 }, 11_000);
    expect(limit).toBe(15_000);
    expect(checkProgress({ positionMs: 14_000, ranges: [] }, { endMs: 60_000, allowedMaxMs: limit })).toEqual({ ok: true });
    const refused = checkProgress({ positionMs: 30_000, ranges: [] }, { endMs: 60_000, allowedMaxMs: limit });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toMatch(/Seeking ahead is turned off/);
    expect(checkProgress({ positionMs: 70_000, ranges: [] }, { endMs: 60_000, allowedMaxMs: null }).ok).toBe(false);
  });

  it('draws the drop-off per bucket from the viewers\' ranges', () => {
    expect(bucketMsFor(5_500)).toBe(1_000);
    expect(bucketMsFor(3_600_000)).toBe(10_000);
    expect(dropoffCurve(3_000, [[{ fromMs: 0, toMs: 3_000 }], [{ fromMs: 0, toMs: 1_200 }]], 1_000).map((p) => p.viewers)).toEqual([2, 2, 1]);
  });

  it('places a live moment in the recording, skipping the paused stretches', () => {
    const kept = [{ from: 1_000, to: 5_000 }, { from: 7_000, to: 11_000 }];
    expect(filePositionMs(kept, 1_000, 500)).toBe(0);
    expect(filePositionMs(kept, 1_000, 3_000)).toBe(2_000);
    expect(filePositionMs(kept, 1_000, 6_000)).toBe(4_000);
    expect(filePositionMs(kept, 1_000, 8_000)).toBe(5_000);
    expect(filePositionMs([], 1_000, 4_000)).toBe(3_000);
  });
});
