import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventTokens, participants } from '../db/schema-events.ts';
import type { JoinBody, JoinOut, Role } from '../../shared/join-schemas.ts';
import { limitsFor, type PlanId } from '../../shared/plans.ts';
import type { AccountsService, Caller } from './accounts-service.ts';
import { AppError, conflict, forbidden, notFound, tooManyRequests } from './app-error.ts';
import type { EventRow, EventsService } from './events-service.ts';
import { RateLimiter } from './rate-limiter.ts';
import { newId, safeEqual } from './secrets.ts';
import type { TicketSigner } from './tickets.ts';

export const LIVE_ROOM_NAME = 'live_event';

/** What the join service needs to know about rooms that are running (EV-12). */
export interface LiveRooms {
  /** Internal ids of this account's events whose room is open now. */
  liveEventIds(accountId: string): Promise<string[]>;
}

/**
 * Decides who may enter an event and as whom (EV-3, ROOM-2), and hands out the ticket.
 * The role is decided here, from what the caller proved, and only travels inside the
 * signed ticket: nothing the browser adds to the room options can change it.
 */
export class JoinService {
  /** Per address: 30 join attempts a minute; per event and address: 10 wrong secrets a minute. */
  private readonly attemptsByAddress = new RateLimiter(30, 60_000);
  private readonly failuresByEvent = new RateLimiter(10, 60_000);

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly accounts: AccountsService,
    private readonly tickets: TicketSigner,
    private readonly liveRooms: LiveRooms,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async join(publicId: number, body: JoinBody, caller: Caller | undefined, address: string): Promise<JoinOut> {
    if (!this.attemptsByAddress.take(`join:${address}`)) throw tooManyRequests();
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');

    const { role, tokenRow } = this.decideRole(event, body, caller, address);
    const name = role === 'host' && caller ? (body.name ?? this.accounts.userName(caller.userId)) : body.name;
    if (!name) {
      const message = 'Enter your name.';
      throw new AppError('validation', 400, message, [{ field: 'name', message }]);
    }
    await this.checkParallelLimit(event);

    const participantId = this.participantFor(event, role, name, body.email || null, caller, tokenRow);
    const { token, expiresAt } = await this.tickets.issue({ participantId, eventId: event.id, role, name });
    return {
      ticket: token,
      expiresAt: expiresAt.toISOString(),
      room: { name: LIVE_ROOM_NAME, eventId: event.publicId },
      participant: { id: participantId, name, role },
      event: { id: event.publicId, name: event.name, kind: event.kind, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone },
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
        if (tooManyFailures()) throw tooManyRequests();
        const tokenRow = this.db.select().from(eventTokens).where(and(eq(eventTokens.token, body.token), eq(eventTokens.eventId, event.id))).get();
        if (!tokenRow) return fail('invalid-token', 'This access token is not valid for this event.');
        if (tokenRow.singleUse && tokenRow.usedAt) fail('token-used', 'This access token has already been used.');
        return { role: 'attendee', tokenRow };
      }
    }
  }

  /** EV-12: an account runs one event at a time unless its plan allows more. */
  private async checkParallelLimit(event: EventRow): Promise<void> {
    const live = await this.liveRooms.liveEventIds(event.accountId);
    if (live.includes(event.id)) return;
    const account = this.accounts.getAccount(event.accountId);
    const allowed = limitsFor(account.plan as PlanId).parallelEvents;
    if (live.length >= allowed) {
      throw conflict('parallel-limit', `The organizer's plan runs ${allowed} event${allowed === 1 ? '' : 's'} at a time and another event is running now. Try again when it has ended.`);
    }
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
        tx.update(participants).set({ name, lastJoinedAt: now }).where(eq(participants.id, id)).run();
      } else {
        tx.insert(participants).values({ id, eventId: event.id, role, name, email, userId: role === 'host' ? caller?.userId ?? null : null, createdAt: now, lastJoinedAt: now }).run();
      }
      if (tokenRow) tx.update(eventTokens).set({ usedAt: tokenRow.usedAt ?? now, participantId: id }).where(eq(eventTokens.id, tokenRow.id)).run();
      return id;
    });
  }
}
