import type { MainItem, OverlayItem, Timeline } from './automated-timeline.ts';

/**
 * What is on at a time of a timeline: the one interpreter of `Timeline`, used by the
 * automated room's scheduler, the browser (late joiners, the on-demand player), the
 * editor's preview and the statistics' drop-off labels. Pure and piecewise constant:
 * a media item's playing position is not part of the state (it moves every
 * millisecond); it follows from the item's start with `mainPositionMs`.
 */

export type MainOn =
  | { itemId: string; kind: 'video' | 'recording'; assetId: string; itemStartMs: number; inMs: number }
  | { itemId: string; kind: 'slides'; assetId: string; itemStartMs: number; page: number }
  | { itemId: string; kind: 'blank'; itemStartMs: number; message: string };

export interface CtaOn { itemId: string; message: string; buttonLabel: string; url: string }
export interface PollOn { itemId: string; pollId: string; resultsShown: boolean }

export interface TimelineState {
  main: MainOn | null;
  cta: CtaOn | null;
  poll: PollOn | null;
  chatEnabled: boolean;
  /** At or past the end of the timeline. */
  ended: boolean;
}

const spanEnd = (item: { startMs: number; durationMs: number }) => item.startMs + item.durationMs;

/**
 * The end of the timeline: the last moment anything is on. A CTA without a duration
 * lasts until then, so it does not extend the end itself beyond its start.
 */
export function timelineEndMs(timeline: Timeline): number {
  let end = 0;
  for (const item of timeline.main) end = Math.max(end, spanEnd(item));
  for (const item of timeline.overlay) {
    if (item.kind === 'poll') end = Math.max(end, spanEnd(item));
    else if (item.kind === 'cta') end = Math.max(end, item.startMs + (item.durationMs ?? 0));
    else end = Math.max(end, item.startMs);
  }
  return end;
}

function overlayEnd(item: OverlayItem, end: number): number {
  if (item.kind === 'cta') return item.durationMs === null ? end : item.startMs + item.durationMs;
  if (item.kind === 'poll') return spanEnd(item);
  return end;
}

/** Is the overlay item (a CTA or a poll) on at t? Spans are half-open: [start, end). */
export function isOverlayOn(item: OverlayItem, t: number, end: number): boolean {
  return item.startMs <= t && t < overlayEnd(item, end);
}

function mainOn(item: MainItem, t: number): MainOn {
  if (item.kind === 'slides') {
    const offset = t - item.startMs;
    let page = 0;
    for (let i = 0; i < item.pageAtMs.length; i++) if ((item.pageAtMs[i] as number) <= offset) page = i;
    return { itemId: item.id, kind: 'slides', assetId: item.assetId, itemStartMs: item.startMs, page };
  }
  if (item.kind === 'blank') return { itemId: item.id, kind: 'blank', itemStartMs: item.startMs, message: item.message };
  return { itemId: item.id, kind: item.kind, assetId: item.assetId, itemStartMs: item.startMs, inMs: item.inMs };
}

/** The state of `timeline` at `t` ms from its start (t < 0: before the start, nothing on). */
export function stateAt(timeline: Timeline, t: number): TimelineState {
  const end = timelineEndMs(timeline);
  const ended = t >= end && end > 0;
  let main: MainOn | null = null;
  for (const item of timeline.main) if (item.startMs <= t && t < spanEnd(item)) main = mainOn(item, t);
  let cta: CtaOn | null = null;
  let poll: PollOn | null = null;
  let chatEnabled = timeline.chatEnabledAtStart;
  let chatFrom = -1;
  for (const item of timeline.overlay) {
    if (item.kind === 'chat') {
      if (item.startMs <= t && item.startMs >= chatFrom) { chatEnabled = item.enabled; chatFrom = item.startMs; }
    } else if (isOverlayOn(item, t, end)) {
      if (item.kind === 'cta') cta = { itemId: item.id, message: item.message, buttonLabel: item.buttonLabel, url: item.url };
      else {
        const at = item.showResultsAtMs;
        poll = { itemId: item.id, pollId: item.pollId, resultsShown: at !== null && t - item.startMs >= at };
      }
    }
  }
  return { main, cta, poll, chatEnabled, ended };
}

/** Where a media item is in its asset at t (ms into the file), or null when no media is on. */
export function mainPositionMs(state: TimelineState, t: number): number | null {
  const main = state.main;
  if (main === null || (main.kind !== 'video' && main.kind !== 'recording')) return null;
  return main.inMs + (t - main.itemStartMs);
}

/** Every time at which the state may change, ascending, without repeats. */
export function boundaries(timeline: Timeline): number[] {
  const end = timelineEndMs(timeline);
  const times = new Set<number>([0, end]);
  for (const item of timeline.main) {
    times.add(item.startMs).add(spanEnd(item));
    if (item.kind === 'slides') for (const at of item.pageAtMs) times.add(item.startMs + at);
  }
  for (const item of timeline.overlay) {
    times.add(item.startMs);
    if (item.kind !== 'chat') times.add(Math.min(overlayEnd(item, end), end));
    if (item.kind === 'poll' && item.showResultsAtMs !== null) times.add(item.startMs + item.showResultsAtMs);
  }
  return [...times].filter((at) => at >= 0 && at <= end).sort((a, b) => a - b);
}

/** The first boundary after t (where a room sets its next timer), or null past the end. */
export function nextBoundaryAfter(timeline: Timeline, t: number): number | null {
  for (const at of boundaries(timeline)) if (at > t) return at;
  return null;
}

/**
 * What a room has to do to go from one state to the next, in the order a room does it
 * (close before open), so an automated room drives the same CTA, poll and chat code as
 * a live one and those count in the same statistics.
 */
export type TimelineAction =
  | { type: 'main'; main: MainOn | null }
  | { type: 'cta-close'; itemId: string }
  | { type: 'cta-show'; cta: CtaOn }
  | { type: 'poll-end'; itemId: string; pollId: string }
  | { type: 'poll-start'; poll: PollOn }
  | { type: 'poll-results'; itemId: string; pollId: string }
  | { type: 'chat'; enabled: boolean }
  | { type: 'end' };

const sameMain = (a: MainOn | null, b: MainOn | null) =>
  a === b || (a !== null && b !== null && a.itemId === b.itemId && (a.kind !== 'slides' || b.kind !== 'slides' || a.page === b.page));

export function diffStates(from: TimelineState, to: TimelineState): TimelineAction[] {
  const actions: TimelineAction[] = [];
  if (!sameMain(from.main, to.main)) actions.push({ type: 'main', main: to.main });
  if (from.cta?.itemId !== to.cta?.itemId) {
    if (from.cta) actions.push({ type: 'cta-close', itemId: from.cta.itemId });
    if (to.cta) actions.push({ type: 'cta-show', cta: to.cta });
  }
  if (from.poll?.itemId !== to.poll?.itemId) {
    if (from.poll) actions.push({ type: 'poll-end', itemId: from.poll.itemId, pollId: from.poll.pollId });
    if (to.poll) actions.push({ type: 'poll-start', poll: to.poll });
  } else if (from.poll && to.poll && !from.poll.resultsShown && to.poll.resultsShown) {
    actions.push({ type: 'poll-results', itemId: to.poll.itemId, pollId: to.poll.pollId });
  }
  if (from.chatEnabled !== to.chatEnabled) actions.push({ type: 'chat', enabled: to.chatEnabled });
  if (!from.ended && to.ended) actions.push({ type: 'end' });
  return actions;
}

/** Applies a room's actions to a state: playing a timeline is folding these over its boundaries. */
export function applyActions(state: TimelineState, actions: readonly TimelineAction[]): TimelineState {
  let next = { ...state };
  for (const action of actions) {
    switch (action.type) {
      case 'main': next = { ...next, main: action.main }; break;
      case 'cta-close': next = { ...next, cta: null }; break;
      case 'cta-show': next = { ...next, cta: action.cta }; break;
      case 'poll-end': next = { ...next, poll: null }; break;
      case 'poll-start': next = { ...next, poll: action.poll }; break;
      case 'poll-results': next = next.poll ? { ...next, poll: { ...next.poll, resultsShown: true } } : next; break;
      case 'chat': next = { ...next, chatEnabled: action.enabled }; break;
      case 'end': next = { ...next, ended: true }; break;
    }
  }
  return next;
}
