import * as v from 'valibot';
import { PersonName } from './account-schemas.ts';
import { MediaCredentials } from './media-schemas.ts';

/** Joining an event (EV-3, EV-4, ROOM-2): the body the join page sends and the ticket it gets. */

export const ROLES = ['host', 'presenter', 'attendee'] as const;
export type Role = (typeof ROLES)[number];

const Secret = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));

export const JoinBody = v.object({
  /** Optional for the host, whose name comes from the account. */
  name: v.optional(PersonName),
  email: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('Enter a valid e-mail address.'))])),
  password: v.optional(v.pipe(v.string(), v.maxLength(128))),
  /** A personal attendee token (token events). */
  token: v.optional(Secret),
  /** The presenter key from the presenter link. */
  presenterKey: v.optional(Secret),
  /** The re-entry credential of an earlier join of this event: back in as the same participant. */
  reentry: v.optional(v.pipe(v.string(), v.maxLength(4096))),
});
export type JoinBody = v.InferOutput<typeof JoinBody>;

export const JoinOut = v.object({
  /** Short-lived signed ticket; the room admits only its bearer, with the role it names. */
  ticket: v.string(),
  expiresAt: v.string(),
  /** Colyseus room name and the options to join it with. */
  room: v.object({ name: v.string(), eventId: v.number() }),
  participant: v.object({ id: v.string(), name: v.string(), role: v.picklist(ROLES) }),
  event: v.object({ id: v.number(), name: v.string(), kind: v.string(), startsAt: v.string(), timeZone: v.string() }),
  /**
   * Audio and video (LiveKit) for the live room: null in the waiting room (it arrives
   * with the admission) and when the server has no working LiveKit.
   */
  media: v.nullable(MediaCredentials),
  /**
   * Short-lived, event-scoped proof of being this participant: sent back as `reentry`,
   * it re-enters after a reload or a closed tab without the password again.
   */
  reentry: v.object({ token: v.string(), expiresAt: v.string() }),
});
export type JoinOut = v.InferOutput<typeof JoinOut>;
