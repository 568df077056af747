import { EventEmitter } from 'node:events';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { PreparedGet } from '../db/prepared.ts';
import { eventTokens, events } from '../db/schema-events.ts';
import { roomStates } from '../db/schema-rooms.ts';
import type { LinkUseOut, LinkUsesOut, UpdateTokenBody } from '../../shared/personal-link-schemas.ts';
import type { CreateEventBody, EventEntryOut, EventOut, TokenOut, UpdateEventBody } from '../../shared/event-schemas.ts';
import type { Caller } from './accounts-service.ts';
import { AppError, notFound } from './app-error.ts';
import { hmac, newId, randomPublicId, randomToken } from './secrets.ts';
import { EventAccessStore } from './event-access-store.ts';
import { PersonalLinks } from './personal-links.ts';

export type EventRow = typeof events.$inferSelect;
type TokenRow = typeof eventTokens.$inferSelect;

/** What happened to an event, for the parts of the server that hang work off events (scheduling: reminders, updated invitations). */
export type EventChange =
  | { type: 'created'; event: EventRow }
  | { type: 'updated'; before: EventRow; after: EventRow; notify: boolean }
  | { type: 'deleting'; event: EventRow; notify: boolean };

/** Events of an account (EV-1..4). Every lookup by an organizer is scoped to their account. */
export class EventsService {
  private readonly emitter = new EventEmitter();
  /** The password to show the organizer, and the shared presenter link's switch. */
  readonly access: EventAccessStore;
  /** Personal links: their states, revocation and where they were used. */
  readonly links: PersonalLinks;

  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly baseUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.access = new EventAccessStore(db, secret, now);
    this.links = new PersonalLinks(db, now);
  }

  create(caller: Caller, body: CreateEventBody): EventOut {
    const now = this.now();
    const id = newId();
    const row: EventRow = {
      id,
      publicId: this.freePublicId(),
      accountId: caller.accountId,
      kind: body.kind,
      name: body.name,
      startsAt: new Date(body.startsAt),
      timeZone: body.timeZone,
      durationMinutes: body.durationMinutes,
      accessType: body.accessType,
      passwordHash: body.accessType === 'password' && body.password ? this.passwordHash(id, body.password) : null,
      presenterKey: randomToken(),
      description: body.description,
      agenda: body.agenda,
      waitingMessage: body.waitingMessage,
      thankYouUrl: body.thankYouUrl,
      createdAt: now,
      updatedAt: now,
    };
    this.db.transaction((tx) => {
      tx.insert(events).values(row).run();
      if (row.passwordHash && body.password) this.access.setPassword(id, body.password);
    });
    this.emitter.emit('change', { type: 'created', event: row } satisfies EventChange);
    return this.toOut(row);
  }

  list(caller: Caller): EventOut[] {
    return this.db.select().from(events).where(eq(events.accountId, caller.accountId)).orderBy(desc(events.startsAt)).all().map((r) => this.toOut(r));
  }

  get(caller: Caller, publicId: number): EventOut {
    return this.toOut(this.ownedRow(caller, publicId));
  }

  update(caller: Caller, publicId: number, body: UpdateEventBody): EventOut {
    const row = this.ownedRow(caller, publicId);
    const accessType = body.accessType ?? row.accessType;
    let passwordHash = row.passwordHash;
    if (accessType !== 'password') passwordHash = null;
    else if (body.password !== undefined) passwordHash = this.passwordHash(row.id, body.password);
    if (accessType === 'password' && !passwordHash) {
      const message = 'A password-protected event needs a password.';
      throw new AppError('validation', 400, message, [{ field: 'password', message }]);
    }
    const changes: Partial<EventRow> = {
      ...(body.kind !== undefined && { kind: body.kind }),
      ...(body.name !== undefined && { name: body.name }),
      ...(body.startsAt !== undefined && { startsAt: new Date(body.startsAt) }),
      ...(body.timeZone !== undefined && { timeZone: body.timeZone }),
      ...(body.durationMinutes !== undefined && { durationMinutes: body.durationMinutes }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.agenda !== undefined && { agenda: body.agenda }),
      ...(body.waitingMessage !== undefined && { waitingMessage: body.waitingMessage }),
      ...(body.thankYouUrl !== undefined && { thankYouUrl: body.thankYouUrl }),
      accessType,
      passwordHash,
      updatedAt: this.now(),
    };
    this.db.transaction((tx) => {
      tx.update(events).set(changes).where(eq(events.id, row.id)).run();
      // Personal links are independent of the password: changing it leaves every one of them valid.
      if (accessType !== 'password') this.access.setPassword(row.id, null);
      else if (body.password !== undefined) this.access.setPassword(row.id, body.password);
    });
    const after = { ...row, ...changes };
    this.emitter.emit('change', { type: 'updated', before: row, after, notify: body.notify ?? false } satisfies EventChange);
    return this.toOut(after);
  }

  /** `notify`: tell the invited and registered that it is called off (EV-2). */
  delete(caller: Caller, publicId: number, options: { notify?: boolean } = {}): void {
    const row = this.ownedRow(caller, publicId);
    // Before the delete: listeners still need the event's guests, which go with it.
    this.emitter.emit('change', { type: 'deleting', event: row, notify: options.notify ?? false } satisfies EventChange);
    this.db.delete(events).where(eq(events.id, row.id)).run();
  }

  /** Listeners run synchronously, right after the write (or just before a delete). */
  onChange(listener: (change: EventChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  createTokens(caller: Caller, publicId: number, options: { count: number; singleUse: boolean; label?: string | undefined; role?: 'attendee' | 'presenter'; expiresAt?: string | undefined }): TokenOut[] {
    const event = this.ownedRow(caller, publicId);
    const now = this.now();
    const rows: TokenRow[] = Array.from({ length: options.count }, () => ({
      id: newId(),
      eventId: event.id,
      token: randomToken(),
      label: options.label ?? null,
      singleUse: options.singleUse,
      usedAt: null,
      participantId: null,
      createdAt: now,
      role: options.role ?? 'attendee',
      revokedAt: null,
      expiresAt: options.expiresAt ? new Date(options.expiresAt) : null,
    }));
    this.db.insert(eventTokens).values(rows).run();
    return rows.map((r) => this.tokenOut(event, r, new Map()));
  }

  listTokens(caller: Caller, publicId: number): TokenOut[] {
    const event = this.ownedRow(caller, publicId);
    const rows = this.db.select().from(eventTokens).where(eq(eventTokens.eventId, event.id)).orderBy(eventTokens.createdAt).all();
    const uses = this.links.uses(rows.map((r) => r.id));
    return rows.map((r) => this.tokenOut(event, r, uses));
  }

  /** The link stops working at once and answers "no longer valid" from then on. */
  revokeToken(caller: Caller, publicId: number, tokenId: string): TokenOut {
    const event = this.ownedRow(caller, publicId);
    if (!this.links.revoke(event.id, tokenId)) throw notFound('Token');
    const row = this.links.get(event.id, tokenId)!;
    return this.tokenOut(event, row, this.links.uses([row.id]));
  }

  /** A link's whole history of uses, a page at a time. */
  tokenUses(caller: Caller, publicId: number, tokenId: string, page: { cursor?: string | undefined; limit: number }): LinkUsesOut {
    const event = this.ownedRow(caller, publicId);
    if (!this.links.get(event.id, tokenId)) throw notFound('Token');
    return this.links.usesPage(tokenId, page);
  }

  /** Single-use or reusable after creation; a revoked link stays revoked (and cannot be changed). */
  updateToken(caller: Caller, publicId: number, tokenId: string, body: UpdateTokenBody): TokenOut {
    const event = this.ownedRow(caller, publicId);
    const before = this.links.get(event.id, tokenId);
    if (!before) throw notFound('Token');
    if (before.revokedAt) throw new AppError('token-revoked', 409, 'This link was revoked; make a new one instead.');
    this.links.setSingleUse(event.id, tokenId, body.singleUse);
    return this.tokenOut(event, this.links.get(event.id, tokenId)!, this.links.uses([tokenId]));
  }

  setSharedPresenterLink(caller: Caller, publicId: number, enabled: boolean): EventOut {
    const event = this.ownedRow(caller, publicId);
    this.access.setSharedPresenterLink(event.id, enabled);
    return this.toOut(event);
  }

  /** waiting, live or ended, as the room last wrote it. */
  status(eventId: string): 'waiting' | 'live' | 'ended' {
    return this.db.select({ status: roomStates.status }).from(roomStates).where(eq(roomStates.eventId, eventId)).get()?.status ?? 'waiting';
  }

  /** What the join page shows before anyone has proven access. */
  entry(publicId: number): EventEntryOut {
    const row = this.byPublicId(publicId);
    if (!row) throw notFound('Event');
    return {
      id: row.publicId,
      kind: row.kind,
      name: row.name,
      startsAt: row.startsAt.toISOString(),
      timeZone: row.timeZone,
      durationMinutes: row.durationMinutes,
      accessType: row.accessType,
      description: row.description,
      agenda: row.agenda,
      status: this.status(row.id),
    };
  }

  // Every join, seat reservation and room admission looks its event up: built once, not per call.
  private prepared: { byPublicId: PreparedGet<EventRow>; byId: PreparedGet<EventRow> } | undefined;
  private get lookups() {
    return (this.prepared ??= {
      byPublicId: this.db.select().from(events).where(eq(events.publicId, sql.placeholder('publicId'))).prepare(),
      byId: this.db.select().from(events).where(eq(events.id, sql.placeholder('id'))).prepare(),
    });
  }

  byPublicId(publicId: number): EventRow | undefined {
    return this.lookups.byPublicId.get({ publicId });
  }

  byId(id: string): EventRow | undefined {
    return this.lookups.byId.get({ id });
  }

  /** HMAC with the server secret, salted by the event: event passwords are shared secrets, checked on every join. */
  passwordHash(eventId: string, password: string): string {
    return hmac(this.secret, `event-password:${eventId}:${password}`);
  }

  /** The caller's own event, for services that hang things off events (polls, …). */
  owned(caller: Caller, publicId: number): EventRow {
    return this.ownedRow(caller, publicId);
  }

  /** Another account's event is "not found", never "forbidden": its existence is not ours to reveal. */
  private ownedRow(caller: Caller, publicId: number): EventRow {
    const row = this.db.select().from(events).where(and(eq(events.publicId, publicId), eq(events.accountId, caller.accountId))).get();
    if (!row) throw notFound('Event');
    return row;
  }

  private freePublicId(): number {
    for (;;) {
      const candidate = randomPublicId();
      if (!this.byPublicId(candidate)) return candidate;
    }
  }

  roomUrl(publicId: number): string {
    return `${this.baseUrl()}/room/${publicId}`;
  }

  private toOut(row: EventRow): EventOut {
    const roomUrl = this.roomUrl(row.publicId);
    return {
      id: row.publicId,
      kind: row.kind,
      name: row.name,
      startsAt: row.startsAt.toISOString(),
      timeZone: row.timeZone,
      durationMinutes: row.durationMinutes,
      accessType: row.accessType,
      description: row.description,
      agenda: row.agenda,
      waitingMessage: row.waitingMessage,
      thankYouUrl: row.thankYouUrl,
      roomUrl,
      // A fragment never reaches servers or Referer headers, so the key stays out of logs.
      presenterUrl: `${roomUrl}#presenter=${row.presenterKey}`,
      sharedPresenterLink: this.access.sharedPresenterLink(row.id),
      password: row.accessType === 'password' ? this.access.password(row.id) : null,
      status: this.status(row.id),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private tokenOut(event: EventRow, row: TokenRow, uses: Map<string, { latest: LinkUseOut[]; count: number }>): TokenOut {
    return {
      useCount: uses.get(row.id)?.count ?? 0,
      role: row.role,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      uses: uses.get(row.id)?.latest ?? [],
      id: row.id,
      token: row.token,
      label: row.label,
      singleUse: row.singleUse,
      usedAt: row.usedAt?.toISOString() ?? null,
      joinUrl: `${this.roomUrl(event.publicId)}#token=${row.token}`,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
