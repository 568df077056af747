/** Attendance over time from stays alone: pure functions, so the figures are easy to test and reason about. */

export interface Interval { from: number; to: number }

/** One person's overlapping stays (two tabs at once) count once. */
export function mergeStays(stays: Interval[]): Interval[] {
  const sorted = [...stays].sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const stay of sorted) {
    const last = merged.at(-1);
    if (last && stay.from <= last.to) last.to = Math.max(last.to, stay.to);
    else merged.push({ ...stay });
  }
  return merged;
}

export interface Concurrency {
  peak: number;
  average: number;
  stepSeconds: number;
  points: { at: number; attendees: number; joins: number; leaves: number }[];
}

/**
 * Peak and time-weighted average of people in the room between `start` and `end`, and
 * a series of about a hundred points for the charts: at each step, how many were in
 * at its end, and the joins and leaves within it. One sweep over sorted changes.
 */
export function concurrency(people: Interval[][], start: number, end: number): Concurrency {
  const changes: { at: number; delta: 1 | -1 }[] = [];
  for (const stays of people) for (const s of mergeStays(stays)) changes.push({ at: s.from, delta: 1 }, { at: s.to, delta: -1 });
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const span = Math.max(0, end - start);
  const stepSeconds = Math.max(5, Math.ceil(span / 1000 / 100 / 5) * 5);
  const step = stepSeconds * 1000;
  const points: Concurrency['points'] = [];
  let inRoom = 0;
  let peak = 0;
  let area = 0;
  let last = start;
  let i = 0;
  for (let bucketEnd = start + step; points.length === 0 || bucketEnd - step < end; bucketEnd += step) {
    let joins = 0;
    let leaves = 0;
    while (i < changes.length && changes[i]!.at < bucketEnd) {
      const change = changes[i++]!;
      const at = Math.max(change.at, start);
      area += inRoom * Math.max(0, Math.min(at, end) - last);
      last = Math.max(last, Math.min(at, end));
      inRoom += change.delta;
      if (change.delta > 0) joins++;
      else leaves++;
      peak = Math.max(peak, inRoom);
    }
    points.push({ at: bucketEnd - step, attendees: inRoom, joins, leaves });
  }
  for (; i < changes.length; i++) {
    area += inRoom * Math.max(0, Math.min(changes[i]!.at, end) - last);
    last = Math.max(last, Math.min(changes[i]!.at, end));
    inRoom += changes[i]!.delta;
    peak = Math.max(peak, inRoom);
  }
  area += inRoom * Math.max(0, end - last);
  return { peak, average: span > 0 ? Math.round((area / span) * 100) / 100 : peak, stepSeconds, points };
}
