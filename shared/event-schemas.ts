import * as v from 'valibot';
import { isValidTimeZone } from './time.ts';
import { LinkUseOut } from './personal-link-schemas.ts';

/** Valibot schemas of the events REST API (EV-1..4, EV-12). */

export const EVENT_KINDS = ['webinar', 'meeting', 'automated', 'on_demand'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const ACCESS_TYPES = ['public', 'password', 'token'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

const EventName = v.pipe(v.string(), v.trim(), v.minLength(1, 'Give the event a name.'), v.maxLength(200));
const StartsAt = v.pipe(
  v.string(),
  v.isoTimestamp('Use an ISO 8601 date-time with an offset, e.g. 2026-12-01T10:00:00+01:00.'),
);
const TimeZone = v.pipe(v.string(), v.check(isValidTimeZone, 'Use an IANA time zone such as Europe/Warsaw.'));
const Duration = v.pipe(v.number(), v.integer(), v.minValue(5, 'At least 5 minutes.'), v.maxValue(24 * 60, 'At most 24 hours.'));
const EventPassword = v.pipe(v.string(), v.minLength(1, 'Enter a password for the event.'), v.maxLength(128));
const Description = v.pipe(v.string(), v.maxLength(5000));
const Agenda = v.pipe(v.string(), v.maxLength(5000));
const WaitingMessage = v.pipe(v.string(), v.maxLength(1000));
/** Only http(s): a `javascript:` URL here would run in attendees' browsers. */
export const HttpUrl = v.pipe(v.string(), v.trim(), v.maxLength(2000), v.url('Enter a full address starting with https://'), v.regex(/^https?:\/\//i, 'Only http and https addresses are allowed.'));

const PASSWORD_NEEDED = 'A password-protected event needs a password.';
/** Password access needs a password; only those two fields are read, so other bad fields are still reported. */
const hasPasswordIfProtected = (input: { accessType?: AccessType | undefined; password?: string | undefined }) =>
  input.accessType !== 'password' || (input.password !== undefined && input.password.length > 0);

export const CreateEventBody = v.pipe(
  v.object({
    kind: v.optional(v.picklist(EVENT_KINDS), 'webinar'),
    name: EventName,
    startsAt: StartsAt,
    timeZone: TimeZone,
    durationMinutes: v.optional(Duration, 60),
    accessType: v.optional(v.picklist(ACCESS_TYPES), 'public'),
    password: v.optional(EventPassword),
    description: v.optional(Description, ''),
    agenda: v.optional(Agenda, ''),
    waitingMessage: v.optional(WaitingMessage, ''),
    thankYouUrl: v.optional(v.nullable(HttpUrl), null),
  }),
  v.forward(v.partialCheck([['accessType'], ['password']], hasPasswordIfProtected, PASSWORD_NEEDED), ['password']),
);
export type CreateEventBody = v.InferOutput<typeof CreateEventBody>;

/** Every field optional; switching to password access must bring the password along. */
export const UpdateEventBody = v.pipe(
  v.object({
    kind: v.optional(v.picklist(EVENT_KINDS)),
    name: v.optional(EventName),
    startsAt: v.optional(StartsAt),
    timeZone: v.optional(TimeZone),
    durationMinutes: v.optional(Duration),
    accessType: v.optional(v.picklist(ACCESS_TYPES)),
    password: v.optional(EventPassword),
    description: v.optional(Description),
    agenda: v.optional(Agenda),
    waitingMessage: v.optional(WaitingMessage),
    /** null removes it: attendees then see our own thank-you page. */
    thankYouUrl: v.optional(v.nullable(HttpUrl)),
    /** EV-2: send updated invitations (with the calendar entry) to everyone invited or registered. */
    notify: v.optional(v.boolean()),
  }),
  v.forward(v.partialCheck([['accessType'], ['password']], hasPasswordIfProtected, PASSWORD_NEEDED), ['password']),
);
export type UpdateEventBody = v.InferOutput<typeof UpdateEventBody>;

export const EventOut = v.object({
  /** The public numeric event id (EV-4): what people type on the join page. */
  id: v.number(),
  kind: v.picklist(EVENT_KINDS),
  name: v.string(),
  startsAt: v.string(),
  timeZone: v.string(),
  durationMinutes: v.number(),
  accessType: v.picklist(ACCESS_TYPES),
  description: v.string(),
  agenda: v.string(),
  waitingMessage: v.string(),
  thankYouUrl: v.nullable(v.string()),
  /** The link attendees open. */
  roomUrl: v.string(),
  /** The shared link for presenters; give it only to them. It opens the room only while `sharedPresenterLink` is on. */
  presenterUrl: v.string(),
  sharedPresenterLink: v.boolean(),
  /** The event password, to send out (password events only; null when it cannot be shown). */
  password: v.nullable(v.string()),
  /** waiting, live or ended, as the room says. */
  status: v.picklist(['waiting', 'live', 'ended']),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type EventOut = v.InferOutput<typeof EventOut>;

export const EventListOut = v.object({ events: v.array(EventOut) });

/** `DELETE /events/{id}?notify=true` sends cancellations (METHOD:CANCEL) to everyone invited or registered. */
export const DeleteEventQuery = v.object({ notify: v.optional(v.picklist(['true', 'false'])) });

export const EventIdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'The event id is a number.'), v.transform(Number)),
});

export const CreateTokensBody = v.object({
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000, 'At most 1,000 tokens at once.')), 1),
  /** Single-use tokens open the room for the first person only (EV-3). */
  singleUse: v.optional(v.boolean(), false),
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  /** presenter: personal presenter links, each revocable on its own. */
  role: v.optional(v.picklist(['attendee', 'presenter']), 'attendee'),
  /** After this time the link answers "expired". */
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 date-time with an offset.'))),
});

export const TokenOut = v.object({
  id: v.string(),
  token: v.string(),
  label: v.nullable(v.string()),
  singleUse: v.boolean(),
  usedAt: v.nullable(v.string()),
  joinUrl: v.string(),
  createdAt: v.string(),
  role: v.picklist(['attendee', 'presenter']),
  revokedAt: v.nullable(v.string()),
  expiresAt: v.nullable(v.string()),
  /** The latest entries through this link, newest first: where it was used (the whole history: GET …/tokens/{tokenId}/uses). */
  uses: v.array(LinkUseOut),
  /** How many times it was used in all. */
  useCount: v.number(),
});
export type TokenOut = v.InferOutput<typeof TokenOut>;
export const TokenListOut = v.object({ tokens: v.array(TokenOut) });

/** What anyone with the event id may learn before joining: enough to draw the join page. */
export const EventEntryOut = v.object({
  id: v.number(),
  kind: v.picklist(EVENT_KINDS),
  name: v.string(),
  startsAt: v.string(),
  timeZone: v.string(),
  durationMinutes: v.number(),
  accessType: v.picklist(ACCESS_TYPES),
  description: v.string(),
  agenda: v.string(),
  status: v.picklist(['waiting', 'live', 'ended']),
});
export type EventEntryOut = v.InferOutput<typeof EventEntryOut>;
