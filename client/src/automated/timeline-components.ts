import type { Timeline } from '../../../shared/automated-timeline.ts';
import type { FileOut } from '../../../shared/file-schemas.ts';
import type { PollOut } from '../../../shared/poll-schemas.ts';
import { freshId, type AnyItem } from './timeline-edit.ts';

/** A component of the palette: something from the file library, a poll of the event, or a built-in. */
export type Component =
  | { type: 'video'; fileId: string; name: string; durationMs: number | null }
  | { type: 'slides'; fileId: string; name: string; pages: number }
  | { type: 'poll'; pollId: string; name: string }
  | { type: 'cta' }
  | { type: 'chat'; enabled: boolean }
  | { type: 'blank' };

export const DRAG_TYPE = 'application/x-timeline-component';
/** A presentation dropped without timings shows each page this long; typed per item after. */
export const DEFAULT_PAGE_MS = 30_000;

export function componentsOf(files: FileOut[], polls: PollOut[]): { videos: Component[]; presentations: Component[]; polls: Component[] } {
  const ready = files.filter((f) => f.status === 'ready');
  return {
    videos: ready.filter((f) => f.kind === 'video').map((f) => ({ type: 'video', fileId: f.id, name: f.name, durationMs: f.durationMs })),
    presentations: ready.filter((f) => (f.kind === 'pdf' || f.kind === 'document') && (f.pages ?? 0) > 0).map((f) => ({ type: 'slides', fileId: f.id, name: f.name, pages: f.pages ?? 1 })),
    polls: polls.map((p) => ({ type: 'poll', pollId: p.id, name: p.title })),
  };
}

/** The timeline item a component becomes when placed at `startMs`. */
export function itemFor(component: Component, timeline: Timeline, startMs: number, ctaDefaults: { message: string; buttonLabel: string }): AnyItem {
  switch (component.type) {
    case 'video':
      return { id: freshId(timeline, 'video'), kind: 'video', startMs, durationMs: component.durationMs ?? 60_000, assetId: component.fileId, inMs: 0 };
    case 'slides':
      return { id: freshId(timeline, 'slides'), kind: 'slides', startMs, durationMs: component.pages * DEFAULT_PAGE_MS, assetId: component.fileId, pageAtMs: Array.from({ length: component.pages }, (_, i) => i * DEFAULT_PAGE_MS) };
    case 'poll':
      return { id: freshId(timeline, 'poll'), kind: 'poll', startMs, durationMs: 60_000, pollId: component.pollId, showResultsAtMs: null };
    case 'cta':
      return { id: freshId(timeline, 'cta'), kind: 'cta', startMs, durationMs: 30_000, message: ctaDefaults.message, buttonLabel: ctaDefaults.buttonLabel, url: 'https://example.com' };
    case 'chat':
      return { id: freshId(timeline, component.enabled ? 'chat-on' : 'chat-off'), kind: 'chat', startMs, enabled: component.enabled };
    case 'blank':
      return { id: freshId(timeline, 'card'), kind: 'blank', startMs, durationMs: 10_000, message: '' };
  }
}
