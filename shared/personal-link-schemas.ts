import * as v from 'valibot';

/** Personal links (issue 10): checking one before joining, where it was used, the event's access switches. */

export const LINK_STATES = ['valid', 'invalid', 'revoked', 'used', 'expired'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export const LinkCheckBody = v.object({
  token: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
});
export type LinkCheckBody = v.InferOutput<typeof LinkCheckBody>;

/** What the join page needs to say "Joining as Zofia Nowak", or why the link does not open the room. */
export const LinkCheckOut = v.object({
  state: v.picklist(LINK_STATES),
  /** The role the link opens the room with (null when it does not open it). */
  role: v.nullable(v.picklist(['attendee', 'presenter'])),
  /** Who the link was given to, when a registration or invitation says so. */
  holder: v.nullable(v.object({ name: v.string() })),
});
export type LinkCheckOut = v.InferOutput<typeof LinkCheckOut>;

export const LinkUseOut = v.object({
  at: v.string(),
  /** Browser and system, e.g. "Chrome 131 · Linux". */
  device: v.nullable(v.string()),
  address: v.nullable(v.string()),
});
export type LinkUseOut = v.InferOutput<typeof LinkUseOut>;

/** One page of a link's whole history, newest first; `cursor` is the previous page's `nextCursor`. */
export const LinkUsesQuery = v.object({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}:[\w-]{1,64}$/, 'Use the nextCursor of the previous page.'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The limit is a number from 1 to 200.'), v.transform(Number), v.minValue(1), v.maxValue(200)), '50'),
});
export const LinkUsesOut = v.object({
  uses: v.array(LinkUseOut),
  /** Every use of the link so far. */
  total: v.number(),
  /** Null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type LinkUsesOut = v.InferOutput<typeof LinkUsesOut>;

/** Switch a link between single-use and reusable after it was made. */
export const UpdateTokenBody = v.object({
  /** True: once someone has entered with it, it opens the room for nobody else (a link already used is closed at once). */
  singleUse: v.boolean(),
});
export type UpdateTokenBody = v.InferOutput<typeof UpdateTokenBody>;

export const TokenIdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'The event id is a number.'), v.transform(Number)),
  tokenId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

/** The event's access switches that are not part of the event body. */
export const AccessSettingsBody = v.object({
  /** Off: the event's shared presenter link stops working; personal presenter links still do. */
  sharedPresenterLink: v.boolean(),
});
export const AccessSettingsOut = v.object({ sharedPresenterLink: v.boolean() });
