import * as v from 'valibot';
import { HttpUrl } from './event-schemas.ts';

/**
 * The timeline of an automated or on-demand webinar (AUTO-1, AUTO-2, OD-1) as plain
 * data: two lanes, times in integer milliseconds from the start.
 * - the main lane holds what fills the stage (an uploaded video, a recording, a
 *   presentation with the time of each page, or a blank card); its items never overlap;
 * - the overlay lane holds calls to action, polls and chat switches; a CTA may sit
 *   before, during or after main items, but CTAs never overlap each other and polls
 *   never overlap each other, because a room shows one of each at a time.
 * `stateAt` in `automated-timeline-state.ts` is the only interpreter of this data.
 */

/** A timeline of more items than this is refused: nobody places 1,000 components by hand. */
export const TIMELINE_MAX_ITEMS = 1000;
/** 24 hours: the longest event the scheduler accepts. */
export const TIMELINE_MAX_MS = 24 * 60 * 60 * 1000;
export const TIMELINE_CTA_MESSAGE_MAX = 54;

const Ms = v.pipe(v.number(), v.integer('Use whole milliseconds.'), v.minValue(0, 'A time cannot be negative.'), v.maxValue(TIMELINE_MAX_MS, 'At most 24 hours.'));
const Duration = v.pipe(v.number(), v.integer('Use whole milliseconds.'), v.minValue(1, 'A duration must be longer than zero.'), v.maxValue(TIMELINE_MAX_MS, 'At most 24 hours.'));
const ItemId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'Item ids are 1–40 letters, digits, - or _.'));
const AssetId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a file id.'));

const MediaItem = v.object({
  id: ItemId,
  kind: v.picklist(['video', 'recording']),
  startMs: Ms,
  durationMs: Duration,
  /** A file of the account's library (a converted video or a recording). */
  assetId: AssetId,
  /** Where in the asset playback begins (a trim-in point). */
  inMs: v.optional(Ms, 0),
});
const SlidesItem = v.object({
  id: ItemId,
  kind: v.literal('slides'),
  startMs: Ms,
  durationMs: Duration,
  assetId: AssetId,
  /** Page i (0-based) shows from pageAtMs[i], relative to the item's start; the first is 0. */
  pageAtMs: v.pipe(v.array(Ms), v.minLength(1, 'A presentation shows at least one page.'), v.maxLength(200, 'At most 200 pages.')),
});
const BlankItem = v.object({
  id: ItemId,
  kind: v.literal('blank'),
  startMs: Ms,
  durationMs: Duration,
  message: v.pipe(v.string(), v.maxLength(200)),
});
export const MainItem = v.variant('kind', [MediaItem, SlidesItem, BlankItem]);
export type MainItem = v.InferOutput<typeof MainItem>;

const CtaItem = v.object({
  id: ItemId,
  kind: v.literal('cta'),
  startMs: Ms,
  /** null: until the end of the timeline. */
  durationMs: v.nullable(Duration),
  message: v.pipe(v.string(), v.trim(), v.minLength(1, 'Write a message.'), v.maxLength(TIMELINE_CTA_MESSAGE_MAX, `The message may have at most ${TIMELINE_CTA_MESSAGE_MAX} characters.`)),
  buttonLabel: v.pipe(v.string(), v.trim(), v.minLength(1, 'Write a button label.'), v.maxLength(40)),
  url: HttpUrl,
});
const PollItem = v.object({
  id: ItemId,
  kind: v.literal('poll'),
  startMs: Ms,
  durationMs: Duration,
  /** A poll prepared for the event (`/events/{id}/polls`). */
  pollId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** When attendees see the results, relative to the item's start; null: never. */
  showResultsAtMs: v.optional(v.nullable(Ms), null),
});
const ChatItem = v.object({
  id: ItemId,
  kind: v.literal('chat'),
  startMs: Ms,
  enabled: v.boolean(),
});
export const OverlayItem = v.variant('kind', [CtaItem, PollItem, ChatItem]);
export type OverlayItem = v.InferOutput<typeof OverlayItem>;

export const Timeline = v.object({
  version: v.literal(1),
  /** Chat at 0:00, before any chat item switches it. */
  chatEnabledAtStart: v.optional(v.boolean(), true),
  main: v.pipe(v.array(MainItem), v.maxLength(TIMELINE_MAX_ITEMS, `At most ${TIMELINE_MAX_ITEMS} items in a lane.`)),
  overlay: v.pipe(v.array(OverlayItem), v.maxLength(TIMELINE_MAX_ITEMS, `At most ${TIMELINE_MAX_ITEMS} items in a lane.`)),
});
export type Timeline = v.InferOutput<typeof Timeline>;
export type TimelineInput = v.InferInput<typeof Timeline>;

export const EMPTY_TIMELINE: Timeline = { version: 1, chatEnabledAtStart: true, main: [], overlay: [] };
