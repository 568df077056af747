import type { MainItem, OverlayItem, Timeline } from './automated-timeline.ts';
import { timelineEndMs } from './automated-timeline-state.ts';

/**
 * The rules a timeline must keep beyond its schema, each problem naming the item it is
 * about, so the editor can point at it and the REST answer can say which one. A
 * timeline with any problem is refused whole: nothing partial is saved.
 */

/** What the account has that a timeline may use; anything else is "not in your library". */
export interface CatalogAsset {
  kind: 'video' | 'audio' | 'presentation' | 'recording' | 'other';
  durationMs: number | null;
  pages: number | null;
  name: string;
}
export interface TimelineCatalog {
  assets: ReadonlyMap<string, CatalogAsset>;
  pollIds: ReadonlySet<string>;
}

export interface TimelineProblem {
  itemId: string;
  lane: 'main' | 'overlay';
  code: 'duplicate-id' | 'overlap' | 'beyond-asset' | 'unknown-asset' | 'wrong-asset-kind' | 'unknown-poll' | 'bad-pages' | 'results-after-end' | 'never-shown' | 'same-time';
  message: string;
}

export const mmss = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

type Spanned = { id: string; startMs: number; durationMs: number };

/** Items of one kind that must not overlap: sorted by start, each must begin at or after the previous end. */
function overlaps<T extends Spanned>(items: T[], lane: TimelineProblem['lane'], what: string): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const sorted = [...items].sort((a, b) => a.startMs - b.startMs);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as T;
    const item = sorted[i] as T;
    if (item.startMs < before.startMs + before.durationMs) {
      problems.push({ itemId: item.id, lane, code: 'overlap', message: `"${item.id}" starts at ${mmss(item.startMs)}, before ${what} "${before.id}" ends at ${mmss(before.startMs + before.durationMs)}.` });
    }
  }
  return problems;
}

function checkMainItem(item: MainItem, catalog: TimelineCatalog): TimelineProblem[] {
  if (item.kind === 'blank') return [];
  const problem = (code: TimelineProblem['code'], message: string): TimelineProblem[] => [{ itemId: item.id, lane: 'main', code, message }];
  const asset = catalog.assets.get(item.assetId);
  if (!asset) return problem('unknown-asset', `"${item.id}" uses a file that is not in your library.`);
  if (item.kind === 'slides') {
    if (asset.kind !== 'presentation') return problem('wrong-asset-kind', `"${item.id}" is a presentation, but "${asset.name}" is not one.`);
    const pages = item.pageAtMs;
    const increasing = pages.every((at, i) => (i === 0 ? at === 0 : at > (pages[i - 1] as number)));
    if (!increasing || (pages[pages.length - 1] as number) >= item.durationMs) {
      return problem('bad-pages', `"${item.id}": the first page starts at 0:00, each page after the one before, all before the item ends.`);
    }
    if (asset.pages !== null && pages.length > asset.pages) return problem('bad-pages', `"${item.id}" shows ${pages.length} pages, but "${asset.name}" has ${asset.pages}.`);
    return [];
  }
  if (asset.kind !== 'video' && asset.kind !== 'recording') return problem('wrong-asset-kind', `"${item.id}" plays a video, but "${asset.name}" is not one.`);
  if (asset.durationMs !== null && item.inMs + item.durationMs > asset.durationMs) {
    return problem('beyond-asset', `"${item.id}" runs to ${mmss(item.inMs + item.durationMs)} of "${asset.name}", which is only ${mmss(asset.durationMs)} long.`);
  }
  return [];
}

function checkOverlayItem(item: OverlayItem, catalog: TimelineCatalog, end: number): TimelineProblem[] {
  const problem = (code: TimelineProblem['code'], message: string): TimelineProblem[] => [{ itemId: item.id, lane: 'overlay', code, message }];
  if (item.kind === 'poll') {
    if (!catalog.pollIds.has(item.pollId)) return problem('unknown-poll', `"${item.id}" opens a poll that does not exist in this event.`);
    if (item.showResultsAtMs !== null && item.showResultsAtMs >= item.durationMs) return problem('results-after-end', `"${item.id}" shows its results after the poll has closed.`);
  }
  if (item.kind === 'cta' && item.durationMs === null && item.startMs >= end) return problem('never-shown', `"${item.id}" starts at the very end, so nobody would see it.`);
  return [];
}

export function checkTimeline(timeline: Timeline, catalog: TimelineCatalog): TimelineProblem[] {
  const problems: TimelineProblem[] = [];
  const seen = new Set<string>();
  for (const [lane, items] of [['main', timeline.main], ['overlay', timeline.overlay]] as const) {
    for (const item of items) {
      if (seen.has(item.id)) problems.push({ itemId: item.id, lane, code: 'duplicate-id', message: `Two items are called "${item.id}".` });
      seen.add(item.id);
    }
  }
  const end = timelineEndMs(timeline);
  problems.push(...overlaps(timeline.main, 'main', 'the item'));
  for (const item of timeline.main) problems.push(...checkMainItem(item, catalog));

  const ctas = timeline.overlay.filter((item) => item.kind === 'cta').map((item) => ({ ...item, durationMs: item.durationMs ?? end - item.startMs }));
  problems.push(...overlaps(ctas, 'overlay', 'the call to action'));
  problems.push(...overlaps(timeline.overlay.filter((item) => item.kind === 'poll'), 'overlay', 'the poll'));
  const chatTimes = new Map<number, string>();
  for (const item of timeline.overlay) {
    if (item.kind === 'chat') {
      const other = chatTimes.get(item.startMs);
      if (other !== undefined) problems.push({ itemId: item.id, lane: 'overlay', code: 'same-time', message: `"${item.id}" and "${other}" both switch the chat at ${mmss(item.startMs)}.` });
      chatTimes.set(item.startMs, item.id);
    }
    problems.push(...checkOverlayItem(item, catalog, end));
  }
  return problems;
}
