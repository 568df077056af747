import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventTokens, participants } from '../db/schema-events.ts';
import type { JoinBody, JoinOut, Role } from '../../shared/join-schemas.ts';
import type { AccountsService, Caller } from './accounts-service.ts';
import { AppError, conflict, forbidden, notFound, tooManyRequests } from './app-error.ts';
import type { EventRow, EventsService } from './events-service.ts';
import { RateLimiter } from './rate-limiter.ts';
import { newId, safeEqual } from './secrets.ts';
import type { TicketSigner } from './tickets.ts';
import type { ParticipantsStore } from './participants-store.ts';
import type { RoomStatesStore } from './room-states-store.ts';
import type { MediaAccess } from '../media/media-access.ts';

/** Who a personal token was given to (a registrant or invitee), when known. */
export type TokenHolderLookup = (tokenId: string) => { name: string; email: string } | undefined;

export const LIVE_ROOM_NAME = 'live_event';
export const WAITING_ROOM_NAME = 'waiting_room';

/**
 * Decides who may enter an event and as whom (EV-3, ROOM-2), and hands out the ticket.
 * The role is decided here, from what the caller proved, and only travels inside the
 * signed ticket: nothing the browser adds to the room options can change it.
 */
export class JoinService {
  /** Per address: JOIN_RATE_PER_MINUTE join attempts (default 30); per event and address: 10 wrong secrets a minute. */
  private readonly attemptsByAddress: RateLimiter;
  private readonly failuresByEvent = new RateLimiter(10, 60_000);

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly accounts: AccountsService,
    private readonly tickets: TicketSigner,
    private readonly participants: ParticipantsStore,
    private readonly roomStates: RoomStatesStore,
    private readonly mediaAccess: MediaAccess,
    joinRatePerMinute = 30,
    private readonly now: () => Date = () => new Date(),
    private readonly tokenHolder: TokenHolderLookup = () => undefined,
  ) {
    this.attemptsByAddress = new RateLimiter(joinRatePerMinute, 60_000);
  }

  async join(publicId: number, body: JoinBody, caller: Caller | undefined, address: string): Promise<JoinOut> {
    if (!this.attemptsByAddress.take(`join:${address}`)) throw tooManyRequests();
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');

    const { role, tokenRow } = this.decideRole(event, body, caller, address);
    // A personal link from a registration or invitation already says who this is.
    const holder = tokenRow ? this.tokenHolder(tokenRow.id) : undefined;
    const name = role === 'host' && caller ? (body.name ?? this.accounts.userName(caller.userId)) : (body.name ?? holder?.name);
    if (!name) {
      const message = 'Enter your name.';
      throw new AppError('validation', 400, message, [{ field: 'name', message }]);
    }
    const status = this.roomStates.find(event.id)?.status ?? 'waiting';
    if (status === 'ended' && role === 'attendee') throw conflict('event-ended', 'This event has ended.');
    const email = body.email || holder?.email || null;
    if (role !== 'host' && this.participants.isBanned(event.id, email, address)) throw forbidden('excluded', 'You have been removed from this event.');

    const participantId = this.participantFor(event, role, name, email, caller, tokenRow);
    if (this.participants.get(participantId, event.id)?.excluded) throw forbidden('excluded', 'You have been removed from this event.');
    // A participant promoted in the room keeps their new role when they come back.
    const effectiveRole = this.participants.get(participantId, event.id)?.role ?? role;
    const { token, expiresAt } = await this.tickets.issue({ participantId, eventId: event.id, role: effectiveRole, name });
    // Attendees wait in the lobby until the host starts; presenters may enter early to prepare.
    const roomName = effectiveRole === 'attendee' && status === 'waiting' ? WAITING_ROOM_NAME : LIVE_ROOM_NAME;
    // Nobody in the waiting room gets media: it comes with the admission.
    const media = roomName === LIVE_ROOM_NAME ? await this.mediaAccess.credentials(event, participantId) : null;
    return {
      ticket: token,
      expiresAt: expiresAt.toISOString(),
      room: { name: roomName, eventId: event.publicId },
      participant: { id: participantId, name, role: effectiveRole },
      event: { id: event.publicId, name: event.name, kind: event.kind, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone },
      media,
    };
  }

  private decideRole(event: EventRow, body: JoinBody, caller: Caller | undefined, address: string): { role: Role; tokenRow?: typeof eventTokens.$inferSelect } {
    if (caller && caller.accountId === event.accountId) return { role: 'host' };
    // Only wrong secrets count here, so a crowd joining at once is not slowed by one typo.
    const failureKey = `${event.id}:${address}`;
    const fail = (code: string, message: string): never => {
      this.failuresByEvent.take(failureKey);
      throw forbidden(code, message);
    };
    const tooManyFailures = () => this.failuresByEvent.blocked(failureKey);
    if (body.presenterKey !== undefined) {
      if (tooManyFailures()) throw tooManyRequests();
      if (!safeEqual(body.presenterKey, event.presenterKey)) fail('wrong-presenter-key', 'This presenter link is not valid for this event.');
      return { role: 'presenter' };
    }
    // A personal token (from a registration or an invitation) proves access on any event,
    // not only token ones: being registered or invited is the proof. It is still scoped
    // to this event, so it never opens another one.
    if (body.token && event.accessType !== 'token') return this.checkToken(event, body.token, fail, tooManyFailures);
    switch (event.accessType) {
      case 'public':
        return { role: 'attendee' };
      case 'password': {
        if (!body.password) {
          const message = 'This event is protected by a password.';
          throw new AppError('password-required', 401, message, [{ field: 'password', message }]);
        }
        if (tooManyFailures()) throw tooManyRequests();
        const ok = event.passwordHash !== null && safeEqual(this.events.passwordHash(event.id, body.password), event.passwordHash);
        if (!ok) fail('wrong-password', 'Wrong password.');
        return { role: 'attendee' };
      }
      case 'token': {
        if (!body.token) {
          const message = 'This event needs your personal access token from the invitation.';
          throw new AppError('token-required', 401, message, [{ field: 'token', message }]);
        }
        return this.checkToken(event, body.token, fail, tooManyFailures);
      }
    }
  }

  private checkToken(event: EventRow, token: string, fail: (code: string, message: string) => never, tooManyFailures: () => boolean): { role: Role; tokenRow: typeof eventTokens.$inferSelect } {
    if (tooManyFailures()) throw tooManyRequests();
    const tokenRow = this.db.select().from(eventTokens).where(and(eq(eventTokens.token, token), eq(eventTokens.eventId, event.id))).get();
    if (!tokenRow) return fail('invalid-token', 'This access token is not valid for this event.');
    if (tokenRow.singleUse && tokenRow.usedAt) fail('token-used', 'This access token has already been used.');
    return { role: 'attendee', tokenRow };
  }

  /** Finds the participant this person already is in this event, or records a new one. */
  private participantFor(
    event: EventRow,
    role: Role,
    name: string,
    email: string | null,
    caller: Caller | undefined,
    tokenRow: typeof eventTokens.$inferSelect | undefined,
  ): string {
    const now = this.now();
    let existingId: string | undefined;
    if (role === 'host' && caller) {
      existingId = this.db.select({ id: participants.id }).from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.userId, caller.userId))).get()?.id;
    } else if (tokenRow?.participantId) {
      existingId = tokenRow.participantId;
    } else if (email) {
      existingId = this.db.select({ id: participants.id }).from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.email, email), eq(participants.role, role))).get()?.id;
    }
    return this.db.transaction((tx) => {
      const id = existingId ?? newId();
      if (existingId) {
        // Only the name follows what the person typed; the role stays what the room made it.
        tx.update(participants).set({ name, lastJoinedAt: now }).where(eq(participants.id, id)).run();
      } else {
        tx.insert(participants).values({ id, eventId: event.id, role, name, email, userId: role === 'host' ? caller?.userId ?? null : null, createdAt: now, lastJoinedAt: now }).run();
      }
      if (tokenRow) tx.update(eventTokens).set({ usedAt: tokenRow.usedAt ?? now, participantId: id }).where(eq(eventTokens.id, tokenRow.id)).run();
      return id;
    });
  }
}
