import * as v from 'valibot';

/**
 * On-demand webinars (OD-1..3): the organizer's settings, what a viewer sends (lead gate,
 * heartbeats, CTA clicks, poll answers, messages) and what the REST answers. The server
 * validates with these; the client types its calls with them; the OpenAPI document is
 * generated from them.
 */

export const MESSAGE_MAX = 2000;
export const ANSWER_MAX = 5000;
/** How far ahead of the wall time since the viewer started a position may be when seeking is forbidden. */
export const SEEK_TOLERANCE_MS = 5000;
/** At most this many watched ranges in one heartbeat (a real player sends one or two). */
export const HEARTBEAT_MAX_RANGES = 50;

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an id.'));
const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254, 'At most 254 characters.'), v.email('Enter a valid e-mail address.'));
/** Text people read: tags are refused rather than stripped, so what is stored is what was written. */
const noHtml = (value: string) => !/<\s*\/?\s*[a-z!?][^>]*>/i.test(value);
const PlainText = (max: number, empty: string) => v.pipe(
  v.string(), v.trim(), v.minLength(1, empty), v.maxLength(max, `At most ${max} characters.`),
  v.check(noHtml, 'Write plain text: HTML tags are not allowed.'),
);

export const OnDemandSettings = v.object({
  /** Viewers give their e-mail address before they may watch. */
  leadGate: v.boolean(),
  /** With the lead gate: the name is asked as well. */
  nameRequired: v.boolean(),
  /** A group of the account's address book every gated address is added to (null: none). */
  contactGroupId: v.nullable(Id),
  allowPause: v.boolean(),
  allowSeek: v.boolean(),
});
export type OnDemandSettings = v.InferOutput<typeof OnDemandSettings>;
export const DEFAULT_ONDEMAND_SETTINGS: OnDemandSettings = { leadGate: false, nameRequired: false, contactGroupId: null, allowPause: true, allowSeek: true };

export const AccessBody = v.object({
  email: v.optional(Email),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'At most 200 characters.'), v.check(noHtml, 'Write plain text: HTML tags are not allowed.'))),
  /** The consent box of the lead gate: required whenever an address is given. */
  consent: v.optional(v.boolean(), false),
  /** The event's password, when it has one (as for the live join). */
  password: v.optional(v.pipe(v.string(), v.maxLength(128))),
  /** A personal link's token (registration or invitation): the viewer is its person. */
  token: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
});
export type AccessBody = v.InferOutput<typeof AccessBody>;

const Ms = v.pipe(v.number(), v.integer('Use whole milliseconds.'), v.minValue(0, 'A time cannot be negative.'), v.maxValue(24 * 3600_000, 'At most 24 hours.'));
export const WatchedRange = v.pipe(
  v.object({ fromMs: Ms, toMs: Ms }),
  v.check((r) => r.toMs >= r.fromMs, 'A range ends after it starts.'),
);
export type WatchedRange = v.InferOutput<typeof WatchedRange>;

export const HeartbeatBody = v.object({
  /** Where the viewer is on the timeline now. */
  positionMs: Ms,
  /** What was watched since the last heartbeat (or all of it: ranges are merged). */
  ranges: v.pipe(v.array(WatchedRange), v.maxLength(HEARTBEAT_MAX_RANGES, `At most ${HEARTBEAT_MAX_RANGES} ranges.`)),
  playing: v.boolean(),
});
export type HeartbeatBody = v.InferOutput<typeof HeartbeatBody>;

export const CtaClickBody = v.object({ itemId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'Not an item id.')) });

export const PollAnswerBody = v.object({
  answers: v.pipe(v.array(v.object({
    questionId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    choiceIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(20))),
    text: v.optional(PlainText(1000, 'Write an answer.')),
  })), v.minLength(1, 'Answer at least one question.'), v.maxLength(50)),
});
export type PollAnswerBody = v.InferOutput<typeof PollAnswerBody>;

export const MessageBody = v.object({
  text: PlainText(MESSAGE_MAX, 'Write a message.'),
  /** Where the answer goes, when the viewer came in without the lead gate. */
  email: v.optional(Email),
});
export type MessageBody = v.InferOutput<typeof MessageBody>;

export const AnswerBody = v.object({ text: PlainText(ANSWER_MAX, 'Write an answer.') });

export const ViewerParam = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'Not an event id.'), v.transform(Number)) });
export const PollParam = v.object({ ...ViewerParam.entries, pollId: Id });
export const MessageParam = v.object({ ...ViewerParam.entries, messageId: Id });
export const RecordingParam = v.object({ recordingId: Id });
export const PublishBody = v.object({ name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))) });

/** The signed links of one file of the timeline (append media, pages/<n>). */
export const AssetLinks = v.object({ base: v.string(), kind: v.string(), name: v.string(), pages: v.nullable(v.number()), durationMs: v.nullable(v.number()) });

export const WatchOut = v.object({
  eventId: v.number(),
  name: v.string(),
  description: v.string(),
  settings: v.object({ leadGate: v.boolean(), nameRequired: v.boolean(), allowPause: v.boolean(), allowSeek: v.boolean() }),
  /** The event's access rule, as for the live join: a password to ask, or a personal link needed. */
  access: v.picklist(['public', 'password', 'token']),
  /** The caller is the event's organizer (their session or API key): no password, link or gate is asked. */
  organizer: v.boolean(),
  /** null until the viewer passed the gate (or started without one). */
  viewer: v.nullable(v.object({ id: v.string(), name: v.string(), email: v.nullable(v.string()), maxPosMs: v.number(), positionMs: v.number() })),
  /** Only for an admitted viewer. */
  timeline: v.nullable(v.unknown()),
  assets: v.record(v.string(), AssetLinks),
  polls: v.array(v.unknown()),
  durationMs: v.number(),
});
export type WatchOut = Omit<v.InferOutput<typeof WatchOut>, 'timeline' | 'polls'> & {
  timeline: import('./automated-timeline.ts').Timeline | null;
  polls: import('./poll-schemas.ts').PublicPoll[];
};

export const ViewStartOut = v.object({ viewId: v.string(), startedAt: v.string(), resumeAtMs: v.number() });
export const HeartbeatOut = v.object({ watchedMs: v.number(), maxPosMs: v.number(), allowedMaxMs: v.nullable(v.number()) });
export type HeartbeatOut = v.InferOutput<typeof HeartbeatOut>;

export const MessageOut = v.object({
  id: v.string(),
  viewerName: v.string(),
  viewerEmail: v.nullable(v.string()),
  text: v.string(),
  createdAt: v.string(),
  answer: v.nullable(v.string()),
  answeredAt: v.nullable(v.string()),
  /** The answer's e-mail: outbox | queued | sending | sent | failed, or null before an answer. */
  mailStatus: v.nullable(v.string()),
  mailError: v.nullable(v.string()),
});
export type MessageOut = v.InferOutput<typeof MessageOut>;

export const ViewerStatsOut = v.object({
  id: v.string(),
  name: v.string(),
  email: v.nullable(v.string()),
  firstSeenAt: v.string(),
  lastSeenAt: v.string(),
  watchedMs: v.number(),
  maxPosMs: v.number(),
  /** 0–100: how far they got, of the timeline's length. */
  percent: v.number(),
  ctaClicks: v.number(),
  pollAnswers: v.number(),
  messages: v.number(),
});
export type ViewerStatsOut = v.InferOutput<typeof ViewerStatsOut>;

export const StatsOut = v.object({
  eventId: v.number(),
  name: v.string(),
  durationMs: v.number(),
  uniqueViewers: v.number(),
  viewers: v.array(ViewerStatsOut),
  /** Viewers who watched each bucket, with what was on there. */
  dropoff: v.array(v.object({ atMs: v.number(), viewers: v.number(), label: v.string() })),
  bucketMs: v.number(),
});
export type StatsOut = v.InferOutput<typeof StatsOut>;

export const PublishOut = v.object({ eventId: v.number(), name: v.string(), durationMs: v.number(), ctas: v.number(), polls: v.number() });
export type PublishOut = v.InferOutput<typeof PublishOut>;
