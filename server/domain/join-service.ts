import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { sharedWriteGroup, type WriteGroup } from '../db/write-group.ts';
import { eventTokens, participants } from '../db/schema-events.ts';
import type { JoinBody, JoinOut, Role } from '../../shared/join-schemas.ts';
import type { AccountsService, Caller } from './accounts-service.ts';
import { AppError, conflict, forbidden, notFound, tooManyRequests } from './app-error.ts';
import type { EventRow, EventsService } from './events-service.ts';
import { LINK_REFUSALS } from './personal-links.ts';
import { RateLimiter } from './rate-limiter.ts';
import type { ReentryCredentials } from './reentry-credentials.ts';
import { newId, safeEqual } from './secrets.ts';
import type { TicketSigner } from './tickets.ts';
import type { ParticipantsStore } from './participants-store.ts';
import type { RoomStatesStore } from './room-states-store.ts';
import type { MediaAccess } from '../media/media-access.ts';

/** Who a personal token was given to (a registrant or invitee), when known. */
export type TokenHolderLookup = (tokenId: string) => { name: string; email: string } | undefined;

import { LIVE_ROOM_NAME, WAITING_ROOM_NAME } from '../../shared/room-names.ts';

export { LIVE_ROOM_NAME, WAITING_ROOM_NAME };

type TokenRow = typeof eventTokens.$inferSelect;

/**
 * What the caller proved. Only proof makes someone the same participant again: the
 * organizer's session or API key, a personal token, or a re-entry credential. Without
 * one, every join is a new participant, whatever e-mail was typed.
 */
type Proof =
  | { kind: 'host' }
  | { kind: 'token'; role: Role; row: TokenRow }
  | { kind: 'reentry'; participantId: string }
  | { kind: 'none'; role: Role };

/** Where the request came from, for rate limits, bans and "where was this link used". */
export interface JoinOrigin {
  address: string;
  userAgent?: string | undefined;
}

/**
 * Decides who may enter an event and as whom (EV-3, ROOM-2), and hands out the ticket.
 * The role is decided here, from what the caller proved, and only travels inside the
 * signed ticket: nothing the browser adds to the room options can change it.
 */
export class JoinService {
  /** Per address: JOIN_RATE_PER_MINUTE join attempts (default 30); per event and address: 10 wrong secrets a minute. */
  private readonly attemptsByAddress: RateLimiter;
  private readonly failuresByEvent = new RateLimiter(10, 60_000);

  /** The participant rows of the joins of one event-loop turn, committed in one transaction (a join storm is hundreds a second). */
  private readonly participantWrites: WriteGroup;

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly accounts: AccountsService,
    private readonly tickets: TicketSigner,
    private readonly participants: ParticipantsStore,
    private readonly roomStates: RoomStatesStore,
    private readonly mediaAccess: MediaAccess,
    private readonly reentries: ReentryCredentials,
    joinRatePerMinute = 30,
    private readonly now: () => Date = () => new Date(),
    private readonly tokenHolder: TokenHolderLookup = () => undefined,
  ) {
    this.attemptsByAddress = new RateLimiter(joinRatePerMinute, 60_000);
    this.participantWrites = sharedWriteGroup(db);
  }

  async join(publicId: number, body: JoinBody, caller: Caller | undefined, origin: JoinOrigin | string): Promise<JoinOut> {
    return (await this.joinEvent(publicId, body, caller, origin)).out;
  }

  /** `join`, also saying which event (its key) was joined, for those who record the join. */
  async joinEvent(publicId: number, body: JoinBody, caller: Caller | undefined, origin: JoinOrigin | string): Promise<{ out: JoinOut; eventKey: string }> {
    const { address, userAgent } = typeof origin === 'string' ? { address: origin, userAgent: undefined } : origin;
    if (!this.attemptsByAddress.take(`join:${address}`)) throw tooManyRequests(undefined, this.attemptsByAddress.retryAfterMs(`join:${address}`) / 1000);
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');

    const proof = await this.prove(event, body, caller, address);
    const returning = proof.kind === 'reentry' ? this.participants.get(proof.participantId, event.id) : undefined;
    // A personal link from a registration or invitation already says who this is.
    const holder = proof.kind === 'token' ? this.tokenHolder(proof.row.id) : undefined;
    const role: Role = proof.kind === 'host' ? 'host' : proof.kind === 'reentry' ? returning!.role : proof.role;
    const name = this.nameOf(proof, body, caller, holder, returning);
    if (!name) {
      const message = 'Enter your name.';
      throw new AppError('validation', 400, message, [{ field: 'name', message }]);
    }
    const status = this.roomStates.find(event.id)?.status ?? 'waiting';
    if (status === 'ended' && role === 'attendee') throw conflict('event-ended', 'This event has ended.');
    // The e-mail of a personal link is the one it was sent to; a typed one is only a contact detail.
    const email = holder?.email ?? returning?.email ?? (body.email || null);
    if (role !== 'host' && (this.participants.isBanned(event.id, email, address) || this.excludedEmail(event.id, email))) {
      throw forbidden('excluded', 'You have been removed from this event.');
    }

    const participantId = await this.participantFor(event, proof, role, name, email, caller);
    const participant = this.participants.get(participantId, event.id);
    if (participant?.excluded) throw forbidden('excluded', 'You have been removed from this event.');
    if (proof.kind === 'token') this.events.links.recordUse(proof.row, participantId, address, userAgent);
    // A participant promoted in the room keeps their new role when they come back.
    const effectiveRole = participant?.role ?? role;
    const effectiveName = participant?.name ?? name;
    const { token, expiresAt } = await this.tickets.issue({ participantId, eventId: event.id, role: effectiveRole, name: effectiveName });
    const reentry = await this.reentries.issue({ participantId, eventId: event.id });
    // Attendees wait in the lobby until the host starts; presenters may enter early to prepare.
    const roomName = effectiveRole === 'attendee' && status === 'waiting' ? WAITING_ROOM_NAME : LIVE_ROOM_NAME;
    // Nobody in the waiting room gets media: it comes with the admission.
    const media = roomName === LIVE_ROOM_NAME ? await this.mediaAccess.credentials(event, participantId) : null;
    const out: JoinOut = {
      ticket: token,
      expiresAt: expiresAt.toISOString(),
      room: { name: roomName, eventId: event.publicId },
      participant: { id: participantId, name: effectiveName, role: effectiveRole },
      event: { id: event.publicId, name: event.name, kind: event.kind, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone },
      media,
      reentry: { token: reentry.token, expiresAt: reentry.expiresAt.toISOString() },
    };
    return { out, eventKey: event.id };
  }

  /**
   * The event's own access rule for someone who is not its organizer, without entering
   * a room: a personal token (from a registration or an invitation, on any event), else
   * public, password or token as the event says, with the same refusals and the same
   * limit on wrong secrets as a join. The on-demand viewer page asks this, so a password
   * event asks its password and a personal link brings its person there too.
   */
  async checkAccess(event: EventRow, secrets: { password?: string | undefined; token?: string | undefined }, origin: JoinOrigin): Promise<{ holder: { name: string; email: string } | undefined; recordUse: (() => void) | undefined }> {
    const body: JoinBody = { ...(secrets.password !== undefined && { password: secrets.password }), ...(secrets.token !== undefined && { token: secrets.token }) } as JoinBody;
    const proof = await this.prove(event, body, undefined, origin.address);
    if (proof.kind !== 'token') return { holder: undefined, recordUse: undefined };
    // Called once the viewer is admitted: the link is used (a single-use one then opens nothing else) and where is recorded, as for a join.
    const recordUse = () => {
      this.events.links.markUsed(proof.row);
      this.events.links.recordUse(proof.row, null, origin.address, origin.userAgent);
    };
    return { holder: this.tokenHolder(proof.row.id), recordUse };
  }

  /**
   * The name comes from what proves the person: the account for the host, the
   * registration or invitation for a personal link, the participant itself on re-entry.
   * Only without such proof (or a link nobody's name is on) is the typed name used.
   */
  private nameOf(proof: Proof, body: JoinBody, caller: Caller | undefined, holder: { name: string } | undefined, returning: { name: string } | undefined): string | undefined {
    if (proof.kind === 'host') return body.name ?? (caller ? this.accounts.userName(caller.userId) : undefined);
    if (proof.kind === 'reentry') return returning?.name;
    if (proof.kind === 'token') return holder?.name ?? (proof.row.participantId ? this.participants.get(proof.row.participantId, proof.row.eventId)?.name : undefined) ?? body.name;
    return body.name;
  }

  private async prove(event: EventRow, body: JoinBody, caller: Caller | undefined, address: string): Promise<Proof> {
    if (caller && caller.accountId === event.accountId) return { kind: 'host' };
    // Only wrong secrets count here, so a crowd joining at once is not slowed by one typo.
    const failureKey = `${event.id}:${address}`;
    const fail = (code: string, message: string): never => {
      this.failuresByEvent.take(failureKey);
      throw forbidden(code, message);
    };
    const guard = () => {
      if (this.failuresByEvent.blocked(failureKey)) throw tooManyRequests(undefined, this.failuresByEvent.retryAfterMs(failureKey) / 1000);
    };
    if (body.reentry !== undefined) {
      guard();
      const reentry = await this.reentries.read(body.reentry);
      if (!reentry || reentry.eventId !== event.id || !this.participants.get(reentry.participantId, event.id)) {
        return fail('reentry-invalid', 'Your earlier entry to this event has expired; join again.');
      }
      return { kind: 'reentry', participantId: reentry.participantId };
    }
    if (body.presenterKey !== undefined) {
      guard();
      if (!safeEqual(body.presenterKey, event.presenterKey)) fail('wrong-presenter-key', 'This presenter link is not valid for this event.');
      if (!this.events.access.sharedPresenterLink(event.id)) throw forbidden('presenter-link-off', 'The organizer turned this presenter link off; ask them for your personal presenter link.');
      return { kind: 'none', role: 'presenter' };
    }
    // A personal token (from a registration or an invitation) proves access on any event,
    // not only token ones: being registered or invited is the proof. It is still scoped
    // to this event, so it never opens another one.
    if (body.token) return this.checkToken(event, body.token, fail, guard);
    switch (event.accessType) {
      case 'public':
        return { kind: 'none', role: 'attendee' };
      case 'password': {
        if (!body.password) {
          const message = 'This event is protected by a password.';
          throw new AppError('password-required', 401, message, [{ field: 'password', message }]);
        }
        guard();
        const ok = event.passwordHash !== null && safeEqual(this.events.passwordHash(event.id, body.password), event.passwordHash);
        if (!ok) fail('wrong-password', 'Wrong password.');
        return { kind: 'none', role: 'attendee' };
      }
      case 'token': {
        const message = 'This event needs your personal access token from the invitation.';
        throw new AppError('token-required', 401, message, [{ field: 'token', message }]);
      }
    }
  }

  private checkToken(event: EventRow, token: string, fail: (code: string, message: string) => never, guard: () => void): Proof {
    guard();
    const { state, row } = this.events.links.check(event, token);
    if (state !== 'valid' || !row) return fail(LINK_REFUSALS[state === 'valid' ? 'invalid' : state].code, LINK_REFUSALS[state === 'valid' ? 'invalid' : state].message);
    return { kind: 'token', role: row.role, row };
  }

  /** Someone removed from the event is not let back in by typing the same e-mail. */
  private excludedEmail(eventId: string, email: string | null): boolean {
    if (!email) return false;
    return this.db.select({ id: participants.id }).from(participants)
      .where(and(eq(participants.eventId, eventId), eq(participants.email, email), isNotNull(participants.excluded))).get() !== undefined;
  }

  /**
   * Prepared once: drizzle otherwise builds and prepares the statement again for every
   * new participant. It runs on the same connection, so inside the group's transaction.
   */
  private preparedInsert: ReturnType<JoinService['prepareParticipantInsert']> | undefined;
  private get insertParticipant() {
    return (this.preparedInsert ??= this.prepareParticipantInsert());
  }
  private prepareParticipantInsert() {
    const p = (name: string) => sql.placeholder(name);
    return this.db.insert(participants).values({ id: p('id'), eventId: p('eventId'), role: p('role'), name: p('name'), email: p('email'), userId: p('userId'), createdAt: p('createdAt'), lastJoinedAt: p('lastJoinedAt') }).prepare();
  }

  /** The participant this person proved to be, or a new one. */
  private async participantFor(event: EventRow, proof: Proof, role: Role, name: string, email: string | null, caller: Caller | undefined): Promise<string> {
    const now = this.now();
    let existingId: string | undefined;
    if (proof.kind === 'host' && caller) {
      existingId = this.db.select({ id: participants.id }).from(participants)
        .where(and(eq(participants.eventId, event.id), eq(participants.userId, caller.userId))).get()?.id;
    } else if (proof.kind === 'token') {
      existingId = proof.row.participantId ?? undefined;
    } else if (proof.kind === 'reentry') {
      existingId = proof.participantId;
    }
    const id = existingId ?? newId();
    await this.participantWrites.add((tx) => {
      if (existingId) {
        // The host may rename themselves; everyone else keeps the name their proof carries.
        tx.update(participants).set({ ...(proof.kind === 'host' && { name }), lastJoinedAt: now }).where(eq(participants.id, id)).run();
      } else {
        this.insertParticipant.run({ id, eventId: event.id, role, name, email, userId: role === 'host' ? caller?.userId ?? null : null, createdAt: now, lastJoinedAt: now });
      }
      if (proof.kind === 'token') tx.update(eventTokens).set({ usedAt: proof.row.usedAt ?? now, participantId: id }).where(eq(eventTokens.id, proof.row.id)).run();
    });
    return id;
  }
}
