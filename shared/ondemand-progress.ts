import type { Timeline } from './automated-timeline.ts';
import { stateAt } from './automated-timeline-state.ts';
import { SEEK_TOLERANCE_MS, type WatchedRange } from './ondemand-schemas.ts';

/**
 * The rules of an on-demand viewer's progress, as pure functions shared by the server
 * (which believes or refuses a heartbeat) and the browser (which refuses a seek before
 * sending it), plus the drop-off curve of the statistics.
 */

/** Sorted, non-overlapping ranges; touching ranges (within 1 s) become one. */
export function mergeRanges(ranges: readonly WatchedRange[]): WatchedRange[] {
  const sorted = ranges.filter((r) => r.toMs > r.fromMs).map((r) => ({ ...r })).sort((a, b) => a.fromMs - b.fromMs);
  const out: WatchedRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last && range.fromMs <= last.toMs + 1000) last.toMs = Math.max(last.toMs, range.toMs);
    else out.push(range);
  }
  return out;
}

export const rangesLength = (ranges: readonly WatchedRange[]) => ranges.reduce((sum, r) => sum + (r.toMs - r.fromMs), 0);

/**
 * The furthest position a viewer may report when seeking is forbidden: what they had
 * reached before this view began plus the wall time since it began, or what the server
 * already believed (the furthest watched, or the position of the last believed heartbeat)
 * plus the wall time since that heartbeat (so progress
 * accepted while seeking was still allowed stays a starting point), plus a tolerance
 * for clocks and buffering. Anything further was skipped to, not watched.
 */
export function allowedMaxMs(view: { reachedBeforeMs: number; startedAt: number; maxPosMs: number; lastBeatAt: number }, now: number): number {
  return Math.max(view.reachedBeforeMs + Math.max(0, now - view.startedAt), view.maxPosMs + Math.max(0, now - view.lastBeatAt)) + SEEK_TOLERANCE_MS;
}

export type ProgressVerdict = { ok: true } | { ok: false; reason: string };

/** Is this heartbeat believable? Only asked when seeking is forbidden; positions past the end are refused always. */
export function checkProgress(beat: { positionMs: number; ranges: readonly WatchedRange[] }, limits: { endMs: number; allowedMaxMs: number | null }): ProgressVerdict {
  const furthest = Math.max(beat.positionMs, ...beat.ranges.map((r) => r.toMs));
  if (furthest > limits.endMs + SEEK_TOLERANCE_MS) return { ok: false, reason: `Position ${seconds(furthest)} is past the end of the webinar (${seconds(limits.endMs)}).` };
  if (limits.allowedMaxMs !== null && furthest > limits.allowedMaxMs) {
    return { ok: false, reason: `Seeking ahead is turned off for this webinar: position ${seconds(furthest)} is further than ${seconds(limits.allowedMaxMs)}, as far as you can have watched by now.` };
  }
  return { ok: true };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Bucket width of the drop-off curve: 10 s for a webinar of usual length, wider for long
 * ones so the curve has at most 500 points, narrower (down to 1 s) for short ones so it
 * still has about 100.
 */
export function bucketMsFor(endMs: number): number {
  if (endMs < 1000_000) return Math.max(1000, Math.min(10_000, Math.ceil(endMs / 100 / 1000) * 1000));
  return Math.max(10_000, Math.ceil(endMs / 500 / 10_000) * 10_000);
}

/** What was on at t, in words: the main item (file name, page) and an open CTA or poll. */
export function labelAt(timeline: Timeline, t: number, names: ReadonlyMap<string, string>, pollTitles: ReadonlyMap<string, string>): string {
  const state = stateAt(timeline, t);
  const parts: string[] = [];
  const main = state.main;
  if (main?.kind === 'slides') parts.push(`${names.get(main.assetId) ?? 'Presentation'} p. ${main.page + 1}`);
  else if (main?.kind === 'blank') parts.push(main.message || 'Blank');
  else if (main) parts.push(names.get(main.assetId) ?? 'Video');
  if (state.cta) parts.push(`CTA: ${state.cta.message}`);
  if (state.poll) parts.push(`Poll: ${pollTitles.get(state.poll.pollId) ?? state.poll.pollId}`);
  return parts.join(' · ') || '—';
}

/** Per bucket, how many viewers watched some of it (their merged ranges reach into it). */
export function dropoffCurve(endMs: number, viewers: readonly (readonly WatchedRange[])[], bucketMs = bucketMsFor(endMs)): { atMs: number; viewers: number }[] {
  const points: { atMs: number; viewers: number }[] = [];
  for (let at = 0; at < Math.max(endMs, 1); at += bucketMs) {
    const end = at + bucketMs;
    points.push({ atMs: at, viewers: viewers.filter((ranges) => ranges.some((r) => r.fromMs < end && at < r.toMs)).length });
  }
  return points;
}
