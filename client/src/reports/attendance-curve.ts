import type { AttendeeRowOut } from '../../../shared/report-schemas.ts';

export interface Curves {
  /** Seconds since the epoch (uPlot's time unit). */
  x: number[];
  inRoom: number[];
  /** Joins and leaves so far (cumulative). */
  joins: number[];
  leaves: number[];
}

/**
 * The exact attendance curve from the stays themselves: one point per join and per
 * leave, so a short event or a quick rejoin shows as it happened rather than averaged
 * into buckets. A person's overlapping stays (two tabs) count once, as on the server.
 */
export function attendanceCurves(attendees: AttendeeRowOut[], from: number, to: number): Curves {
  const changes: { at: number; delta: 1 | -1 }[] = [];
  for (const a of attendees) {
    const stays = a.stays.map((s) => ({ from: Date.parse(s.joinedAt), to: s.leftAt ? Date.parse(s.leftAt) : null })).sort((p, q) => p.from - q.from);
    let open: { from: number; to: number | null } | undefined;
    for (const stay of stays) {
      if (open && (open.to === null || stay.from <= open.to)) {
        open.to = open.to === null || stay.to === null ? null : Math.max(open.to, stay.to);
        continue;
      }
      if (open) changes.push({ at: open.from, delta: 1 }, ...(open.to === null ? [] : [{ at: open.to, delta: -1 as const }]));
      open = { ...stay };
    }
    if (open) changes.push({ at: open.from, delta: 1 }, ...(open.to === null ? [] : [{ at: open.to, delta: -1 as const }]));
  }
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const start = Math.min(from, changes[0]?.at ?? from);
  const curves: Curves = { x: [start / 1000], inRoom: [0], joins: [0], leaves: [0] };
  let inRoom = 0;
  let joins = 0;
  let leaves = 0;
  for (const change of changes) {
    inRoom += change.delta;
    if (change.delta > 0) joins++;
    else leaves++;
    curves.x.push(change.at / 1000);
    curves.inRoom.push(inRoom);
    curves.joins.push(joins);
    curves.leaves.push(leaves);
  }
  const end = Math.max(to, changes.at(-1)?.at ?? to);
  curves.x.push(end / 1000);
  curves.inRoom.push(inRoom);
  curves.joins.push(joins);
  curves.leaves.push(leaves);
  return curves;
}
