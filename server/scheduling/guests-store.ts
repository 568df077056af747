import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventTokens } from '../db/schema-events.ts';
import { eventGuests } from '../db/schema-scheduling.ts';
import type { GuestOut, MailLanguage } from '../../shared/registration-schemas.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import { newId, randomToken } from '../domain/secrets.ts';

export type GuestRow = typeof eventGuests.$inferSelect;
export interface NewGuest {
  source: GuestRow['source'];
  role: GuestRow['role'];
  email: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  answers?: Record<string, string | boolean>;
  language: MailLanguage;
  timeZone?: string | null;
}
type Writer = Pick<Db, 'insert' | 'select' | 'update' | 'delete'>;

export const guestName = (g: Pick<GuestRow, 'firstName' | 'lastName'>) => `${g.firstName} ${g.lastName}`.trim();

/**
 * Registrants and invitees of events, and the personal link each one gets. An attendee's
 * link carries a personal token (a row in event_tokens, reusable, bound to the first
 * participant it admits) on every kind of event; the join service accepts it on public
 * and password events too, since being registered or invited is what it proves.
 * Presenters get a personal presenter token the same way (role presenter).
 */
export class GuestsStore {
  constructor(private readonly db: Db, private readonly events: EventsService, private readonly now: () => Date = () => new Date()) {}

  /** Adds the guest unless this address already has this role here; `created` tells which. */
  add(event: EventRow, guest: NewGuest, db: Writer = this.db): { row: GuestRow; created: boolean } {
    const existing = this.find(event.id, guest.email, guest.role, db);
    if (existing) return { row: existing, created: false };
    const now = this.now();
    // Presenters too get a personal token (role presenter), revocable on its own (issue 10).
    const tokenId = newId();
    db.insert(eventTokens).values({ id: tokenId, eventId: event.id, token: randomToken(), label: guest.email, singleUse: false, usedAt: null, participantId: null, createdAt: now, role: guest.role }).run();
    const row: GuestRow = {
      id: newId(),
      eventId: event.id,
      source: guest.source,
      role: guest.role,
      email: guest.email,
      firstName: guest.firstName ?? '',
      lastName: guest.lastName ?? '',
      company: guest.company ?? '',
      phone: guest.phone ?? '',
      answers: guest.answers ?? {},
      tokenId,
      language: guest.language,
      timeZone: guest.timeZone ?? null,
      lastSentAt: null,
      sentCount: 0,
      createdAt: now,
    };
    db.insert(eventGuests).values(row).run();
    return { row, created: true };
  }

  find(eventId: string, email: string, role: GuestRow['role'], db: Pick<Db, 'select'> = this.db): GuestRow | undefined {
    return db.select().from(eventGuests).where(and(eq(eventGuests.eventId, eventId), eq(eventGuests.email, email), eq(eventGuests.role, role))).get();
  }

  get(eventId: string, guestId: string): GuestRow | undefined {
    return this.db.select().from(eventGuests).where(and(eq(eventGuests.eventId, eventId), eq(eventGuests.id, guestId))).get();
  }

  list(eventId: string, source?: GuestRow['source'], db: Pick<Db, 'select'> = this.db): GuestRow[] {
    const conditions = [eq(eventGuests.eventId, eventId), source ? eq(eventGuests.source, source) : undefined].filter((c) => c !== undefined);
    return db.select().from(eventGuests).where(and(...conditions)).orderBy(asc(eventGuests.createdAt)).all();
  }

  /**
   * Removing a guest also revokes their token: the link they were sent stops working and
   * says "no longer valid" (the token row stays, marked revoked, for that answer).
   */
  remove(guest: GuestRow): void {
    this.db.transaction((tx) => {
      tx.delete(eventGuests).where(eq(eventGuests.id, guest.id)).run();
      if (guest.tokenId) tx.update(eventTokens).set({ revokedAt: this.now() }).where(eq(eventTokens.id, guest.tokenId)).run();
    });
  }

  markSent(guestIds: string[], db: Pick<Db, 'update'> = this.db): void {
    if (guestIds.length === 0) return;
    db.update(eventGuests).set({ lastSentAt: this.now(), sentCount: sql`${eventGuests.sentCount} + 1` }).where(inArray(eventGuests.id, guestIds)).run();
  }

  /** Who a personal token was given to, so the room knows their name and address. */
  holderOfToken(tokenId: string): { name: string; email: string } | undefined {
    const row = this.db.select().from(eventGuests).where(eq(eventGuests.tokenId, tokenId)).get();
    return row ? { name: guestName(row) || row.email.split('@')[0]!, email: row.email } : undefined;
  }

  tokens(guests: GuestRow[], db: Pick<Db, 'select'> = this.db): Map<string, string> {
    const ids = guests.map((g) => g.tokenId).filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    return new Map(db.select({ id: eventTokens.id, token: eventTokens.token }).from(eventTokens).where(inArray(eventTokens.id, ids)).all().map((t) => [t.id, t.token]));
  }

  joinUrl(event: Pick<EventRow, 'publicId' | 'presenterKey'>, guest: GuestRow, token: string | undefined): string {
    const room = this.events.roomUrl(event.publicId);
    // Fragments never reach servers or Referer headers, so the secret stays out of logs.
    if (token) return `${room}#token=${token}`;
    // A presenter invited before personal presenter links existed keeps the shared link.
    return guest.role === 'presenter' ? `${room}#presenter=${event.presenterKey}` : room;
  }

  toOut(event: EventRow, guest: GuestRow, tokens: Map<string, string>): GuestOut {
    const token = guest.tokenId ? tokens.get(guest.tokenId) : undefined;
    return {
      id: guest.id,
      source: guest.source,
      role: guest.role,
      email: guest.email,
      firstName: guest.firstName,
      lastName: guest.lastName,
      company: guest.company,
      phone: guest.phone,
      answers: guest.answers as Record<string, string | boolean>,
      language: guest.language,
      timeZone: guest.timeZone,
      joinUrl: this.joinUrl(event, guest, token),
      token: token ?? null,
      lastSentAt: guest.lastSentAt?.toISOString() ?? null,
      sentCount: guest.sentCount,
      createdAt: guest.createdAt.toISOString(),
    };
  }
}
