import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Timeline, type MainItem, type OverlayItem } from '../../shared/automated-timeline.ts';
import { checkTimeline, type TimelineCatalog } from '../../shared/automated-timeline-check.ts';
import { applyActions, boundaries, diffStates, isOverlayOn, mainPositionMs, nextBoundaryAfter, stateAt, timelineEndMs } from '../../shared/automated-timeline-state.ts';

/** Items laid end to end with gaps: valid by construction, so the properties test stateAt, not the generator. */
const gapsAndLengths = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20_000 }), length: fc.integer({ min: 2, max: 60_000 }) }), { maxLength: 6 });

const mainLane = gapsAndLengths.chain((spans) => {
  let at = 0;
  const placed = spans.map(({ gap, length }, i) => { at += gap; const startMs = at; at += length; return { startMs, durationMs: length, i }; });
  return fc.tuple(...placed.map(({ startMs, durationMs, i }) => fc.oneof(
    fc.constant<MainItem>({ id: `m${i}`, kind: 'video', startMs, durationMs, assetId: 'film-1', inMs: 1000 }),
    fc.uniqueArray(fc.integer({ min: 1, max: durationMs - 1 }), { maxLength: Math.min(5, durationMs - 1) })
      .map((later): MainItem => ({ id: `m${i}`, kind: 'slides', startMs, durationMs, assetId: 'deck-1', pageAtMs: [0, ...later.sort((a, b) => a - b)] })),
    fc.constant<MainItem>({ id: `m${i}`, kind: 'blank', startMs, durationMs, message: 'Break' }),
  )));
});

const spansOf = (prefix: string, make: (id: string, startMs: number, durationMs: number) => OverlayItem) => gapsAndLengths.map((spans) => {
  let at = 0;
  return spans.map(({ gap, length }, i) => { at += gap; const item = make(`${prefix}${i}`, at, length); at += length; return item; });
});

const timelines = fc.record({
  main: mainLane,
  ctas: spansOf('c', (id, startMs, durationMs) => ({ id, kind: 'cta', startMs, durationMs, message: 'Buy now', buttonLabel: 'Buy', url: 'https://example.com/' })),
  polls: spansOf('p', (id, startMs, durationMs) => ({ id, kind: 'poll', startMs, durationMs, pollId: 'poll-1', showResultsAtMs: durationMs > 1 ? Math.floor(durationMs / 2) : null })),
  chats: fc.uniqueArray(fc.integer({ min: 0, max: 200_000 }), { maxLength: 4 }).chain((starts) =>
    fc.tuple(...starts.map((startMs, i) => fc.boolean().map((enabled): OverlayItem => ({ id: `chat${i}`, kind: 'chat', startMs, enabled }))))),
  chatEnabledAtStart: fc.boolean(),
}).map(({ main, ctas, polls, chats, chatEnabledAtStart }): Timeline => ({ version: 1, chatEnabledAtStart, main, overlay: [...ctas, ...polls, ...chats] }));

const catalog: TimelineCatalog = {
  assets: new Map([
    ['film-1', { kind: 'video', durationMs: 1_000_000, pages: null, name: 'intro.mp4' }],
    ['deck-1', { kind: 'presentation', durationMs: null, pages: 10, name: 'deck.pdf' }],
  ]),
  pollIds: new Set(['poll-1']),
};

/** Playing: start from the state at 0 and apply, at each boundary up to t, what the room would do there. */
function played(timeline: Timeline, t: number) {
  let state = stateAt(timeline, 0);
  for (const at of boundaries(timeline)) {
    if (at > t) break;
    state = applyActions(state, diffStates(state, stateAt(timeline, at)));
  }
  return state;
}

describe('the automated timeline', () => {
  it('the generated timelines are valid ones', () => {
    fc.assert(fc.property(timelines, (timeline) => {
      expect(v.safeParse(Timeline, timeline).success).toBe(true);
      expect(checkTimeline(timeline, catalog)).toEqual([]);
    }));
  });

  it('seeking to t gives the state that playing up to t gives', () => {
    fc.assert(fc.property(timelines, fc.integer({ min: 0, max: 600_000 }), (timeline, t) => {
      expect(played(timeline, t)).toEqual(stateAt(timeline, t));
    }));
  });

  it('every item is on exactly during its span', () => {
    fc.assert(fc.property(timelines, fc.integer({ min: 0, max: 600_000 }), (timeline, t) => {
      const state = stateAt(timeline, t);
      const end = timelineEndMs(timeline);
      for (const item of timeline.main) {
        expect(state.main?.itemId === item.id).toBe(item.startMs <= t && t < item.startMs + item.durationMs);
      }
      for (const item of timeline.overlay) {
        if (item.kind === 'cta') expect(state.cta?.itemId === item.id).toBe(isOverlayOn(item, t, end));
        if (item.kind === 'poll') expect(state.poll?.itemId === item.id).toBe(item.startMs <= t && t < item.startMs + item.durationMs);
      }
      expect(state.ended).toBe(end > 0 && t >= end);
    }));
  });

  it('nothing changes between two boundaries', () => {
    fc.assert(fc.property(timelines, fc.integer({ min: 0, max: 600_000 }), (timeline, t) => {
      const next = nextBoundaryAfter(timeline, t);
      if (next !== null && next - 1 > t) expect(stateAt(timeline, next - 1)).toEqual(stateAt(timeline, t));
    }));
  });

  it('the page of a presentation and the position in a video follow the time', () => {
    const timeline: Timeline = {
      version: 1, chatEnabledAtStart: false,
      main: [
        { id: 'deck', kind: 'slides', startMs: 0, durationMs: 30_000, assetId: 'deck-1', pageAtMs: [0, 10_000, 20_000] },
        { id: 'film', kind: 'video', startMs: 30_000, durationMs: 60_000, assetId: 'film-1', inMs: 5_000 },
      ],
      overlay: [
        { id: 'offer', kind: 'cta', startMs: 8_000, durationMs: null, message: 'Get the e-book', buttonLabel: 'Get it', url: 'https://example.com/' },
        { id: 'vote', kind: 'poll', startMs: 5_000, durationMs: 20_000, pollId: 'poll-1', showResultsAtMs: 15_000 },
        { id: 'chat-on', kind: 'chat', startMs: 40_000, enabled: true },
      ],
    };
    expect(stateAt(timeline, 15_000)).toMatchObject({ main: { itemId: 'deck', page: 1 }, cta: { itemId: 'offer' }, poll: { itemId: 'vote', resultsShown: false }, chatEnabled: false });
    expect(stateAt(timeline, 21_000).poll).toEqual({ itemId: 'vote', pollId: 'poll-1', resultsShown: true });
    expect(stateAt(timeline, 25_000).poll).toBeNull();
    const inFilm = stateAt(timeline, 42_500);
    expect(mainPositionMs(inFilm, 42_500)).toBe(17_500);
    expect(inFilm.chatEnabled).toBe(true);
    expect(inFilm.cta?.itemId).toBe('offer');
    expect(stateAt(timeline, 90_000)).toMatchObject({ main: null, cta: null, ended: true });
    expect(diffStates(stateAt(timeline, 4_999), stateAt(timeline, 5_000))).toEqual([{ type: 'poll-start', poll: { itemId: 'vote', pollId: 'poll-1', resultsShown: false } }]);
  });
});

describe('timeline validation names the offending item', () => {
  const base: Timeline = { version: 1, chatEnabledAtStart: true, main: [], overlay: [] };

  it('overlapping main items, a video beyond its file, a poll that does not exist, a file of another account', () => {
    const problems = checkTimeline({
      ...base,
      main: [
        { id: 'a', kind: 'video', startMs: 0, durationMs: 10_000, assetId: 'film-1', inMs: 0 },
        { id: 'b', kind: 'blank', startMs: 9_000, durationMs: 5_000, message: '' },
        { id: 'long', kind: 'video', startMs: 20_000, durationMs: 1_000_000, assetId: 'film-1', inMs: 500 },
        { id: 'foreign', kind: 'video', startMs: 2_000_000, durationMs: 1_000, assetId: 'someone-elses', inMs: 0 },
      ],
      overlay: [{ id: 'q', kind: 'poll', startMs: 0, durationMs: 5_000, pollId: 'nope', showResultsAtMs: null }],
    }, catalog);
    expect(problems.map((p) => [p.itemId, p.code])).toEqual([
      ['b', 'overlap'], ['long', 'beyond-asset'], ['foreign', 'unknown-asset'], ['q', 'unknown-poll'],
    ]);
    expect(problems[0]?.message).toBe('"b" starts at 0:09, before the item "a" ends at 0:10.');
  });

  it('zero and negative durations and a timeline of 10,000 items are refused by the schema', () => {
    const zero = v.safeParse(Timeline, { ...base, main: [{ id: 'z', kind: 'blank', startMs: 0, durationMs: 0, message: '' }] });
    expect(zero.success).toBe(false);
    const negative = v.safeParse(Timeline, { ...base, main: [{ id: 'n', kind: 'blank', startMs: -5, durationMs: 10, message: '' }] });
    expect(negative.success).toBe(false);
    const huge = v.safeParse(Timeline, { ...base, overlay: Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, kind: 'chat', startMs: i, enabled: true })) });
    expect(huge.success).toBe(false);
    if (!huge.success) expect(huge.issues[0]?.message).toBe('At most 1000 items in a lane.');
  });

  it('two CTAs at once, results after the poll closed, and pages out of order', () => {
    const problems = checkTimeline({
      ...base,
      main: [{ id: 'deck', kind: 'slides', startMs: 0, durationMs: 10_000, assetId: 'deck-1', pageAtMs: [0, 5_000, 4_000] }],
      overlay: [
        { id: 'c1', kind: 'cta', startMs: 0, durationMs: null, message: 'One', buttonLabel: 'Go', url: 'https://example.com/' },
        { id: 'c2', kind: 'cta', startMs: 3_000, durationMs: 1_000, message: 'Two', buttonLabel: 'Go', url: 'https://example.com/' },
        { id: 'p', kind: 'poll', startMs: 0, durationMs: 5_000, pollId: 'poll-1', showResultsAtMs: 5_000 },
      ],
    }, catalog);
    expect(problems.map((p) => [p.itemId, p.code])).toEqual([['deck', 'bad-pages'], ['c2', 'overlap'], ['p', 'results-after-end']]);
  });
});
