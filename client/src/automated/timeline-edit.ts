import type { MainItem, OverlayItem, Timeline } from '../../../shared/automated-timeline.ts';
import { TIMELINE_MAX_MS } from '../../../shared/automated-timeline.ts';
import { timelineEndMs } from '../../../shared/automated-timeline-state.ts';

/**
 * The editor's changes to a timeline as pure functions over the shared `Timeline` data,
 * so the mouse, the keyboard and the typed fields make exactly the same edits, and undo
 * is a stack of earlier timelines.
 */

export type AnyItem = MainItem | OverlayItem;
export type Lane = 'main' | 'overlay';

/** The step of the arrow keys (shift: resize by the same step). */
export const KEY_STEP_MS = 1_000;
/** Snap of the mouse: whole seconds, what people type too. */
export const SNAP_MS = 1_000;
const MIN_MS = 1_000;
/** How many changes Ctrl+Z can take back. */
export const UNDO_DEPTH = 50;

export const laneOf = (item: AnyItem): Lane => (item.kind === 'video' || item.kind === 'recording' || item.kind === 'slides' || item.kind === 'blank' ? 'main' : 'overlay');

/** The span an item covers on the lane; a chat switch is a point, shown one second wide. */
export function spanOf(item: AnyItem, end: number): { startMs: number; durationMs: number } {
  if (item.kind === 'chat') return { startMs: item.startMs, durationMs: 0 };
  if (item.kind === 'cta' && item.durationMs === null) return { startMs: item.startMs, durationMs: Math.max(MIN_MS, end - item.startMs) };
  return { startMs: item.startMs, durationMs: item.durationMs as number };
}

export function findItem(timeline: Timeline, id: string): AnyItem | undefined {
  return [...timeline.main, ...timeline.overlay].find((item) => item.id === id);
}

function replace(timeline: Timeline, id: string, change: (item: AnyItem) => AnyItem): Timeline {
  return {
    ...timeline,
    main: timeline.main.map((item) => (item.id === id ? (change(item) as MainItem) : item)),
    overlay: timeline.overlay.map((item) => (item.id === id ? (change(item) as OverlayItem) : item)),
  };
}

const clampStart = (ms: number) => Math.min(TIMELINE_MAX_MS - MIN_MS, Math.max(0, Math.round(ms)));

/** Moves an item so it starts at `startMs` (never before 0:00). */
export function moveTo(timeline: Timeline, id: string, startMs: number): Timeline {
  return replace(timeline, id, (item) => ({ ...item, startMs: clampStart(startMs) }));
}

/** Gives an item a new duration (at least a second); chat switches have none. */
export function resizeTo(timeline: Timeline, id: string, durationMs: number): Timeline {
  return replace(timeline, id, (item) => {
    if (item.kind === 'chat') return item;
    const duration = Math.min(TIMELINE_MAX_MS, Math.max(MIN_MS, Math.round(durationMs)));
    if (item.kind === 'slides') {
      // Pages keep their times; pages that would start after the new end are dropped.
      const pages = item.pageAtMs.filter((at, i) => i === 0 || at < duration);
      return { ...item, durationMs: duration, pageAtMs: pages };
    }
    if (item.kind === 'poll' && item.showResultsAtMs !== null && item.showResultsAtMs >= duration) return { ...item, durationMs: duration, showResultsAtMs: null };
    return { ...item, durationMs: duration };
  });
}

export function removeItem(timeline: Timeline, id: string): Timeline {
  return { ...timeline, main: timeline.main.filter((i) => i.id !== id), overlay: timeline.overlay.filter((i) => i.id !== id) };
}

export function updateItem(timeline: Timeline, id: string, patch: Partial<AnyItem>): Timeline {
  return replace(timeline, id, (item) => ({ ...item, ...patch }) as AnyItem);
}

/** An id not yet used: "video-1", "video-2"… */
export function freshId(timeline: Timeline, prefix: string): string {
  const taken = new Set([...timeline.main, ...timeline.overlay].map((i) => i.id));
  for (let n = 1; ; n++) if (!taken.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function addItem(timeline: Timeline, item: AnyItem): Timeline {
  return laneOf(item) === 'main' ? { ...timeline, main: [...timeline.main, item as MainItem] } : { ...timeline, overlay: [...timeline.overlay, item as OverlayItem] };
}

/** Where a new main item goes when dropped without a place (the keyboard's "Add"): after the last one. */
export function endOfLane(timeline: Timeline, lane: Lane): number {
  if (lane === 'main') return timeline.main.reduce((end, i) => Math.max(end, i.startMs + i.durationMs), 0);
  return Math.min(timelineEndMs(timeline), timeline.overlay.reduce((end, i) => Math.max(end, i.startMs + (i.kind === 'chat' ? 1_000 : (i.durationMs ?? 0))), 0));
}

export const snap = (ms: number) => Math.round(ms / SNAP_MS) * SNAP_MS;

/** "mm:ss" (minutes may pass 59: "75:00"); "h:mm:ss" is accepted too. */
export function formatMmSs(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function parseMmSs(text: string): number | null {
  const match = /^\s*(?:(\d{1,2}):)?(\d{1,4}):([0-5]\d)\s*$/.exec(text);
  if (!match) return null;
  const [, h, m, s] = match;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** A bounded undo stack of whole timelines: cheap, because edits share untouched items. */
export function pushHistory(history: Timeline[], previous: Timeline): Timeline[] {
  const next = [...history, previous];
  return next.length > UNDO_DEPTH ? next.slice(next.length - UNDO_DEPTH) : next;
}
