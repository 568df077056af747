import type { MailOutcomeOut } from '../../shared/mail-schemas.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { EventRow } from '../domain/events-service.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { eventMail, type EventMailKind } from '../mail/templates/event-mails.ts';
import type { UnsubscribeLinks } from '../mail/unsubscribe-links.ts';
import { guestName, type GuestRow, type GuestsStore } from './guests-store.ts';
import type { SchedulingStore } from './scheduling-store.ts';

/** The event as mail needs it; a cancellation carries a copy, since the row itself is gone by then. */
export type MailEvent = Pick<EventRow, 'id' | 'publicId' | 'accountId' | 'name' | 'description' | 'startsAt' | 'durationMinutes' | 'timeZone' | 'presenterKey' | 'thankYouUrl'>;
export type MailGuest = Pick<GuestRow, 'id' | 'email' | 'firstName' | 'lastName' | 'language' | 'timeZone' | 'role' | 'tokenId'>;

export interface SendOptions {
  /** Written once per key and guest: a retried job or a second process adds nothing. */
  dedupe?: string;
  leadMinutes?: number;
  /** Calendar SEQUENCE to write; the stored one when not given. */
  sequence?: number;
}

type Writer = Pick<Db, 'insert' | 'select' | 'update'>;

/**
 * Turns "send kind K about event E to these guests" into rows of the mail queue: the
 * personal link, the calendar file with the event's stable UID, the account's signature
 * and colour, and for reminders the unsubscribe link (skipping who unsubscribed).
 */
export class EventMailer {
  constructor(
    private readonly guests: GuestsStore,
    private readonly store: SchedulingStore,
    private readonly accounts: AccountsService,
    private readonly mail: MailQueue,
    private readonly unsubscribe: UnsubscribeLinks,
    private readonly baseUrl: () => string,
  ) {}

  /** What `send` really did, in the words a screen shows: queued for delivery, or kept in the outbox. */
  outcome(accountId: string, written: number): MailOutcomeOut {
    const delivery = this.mail.delivery(accountId);
    return { delivery, queued: delivery === 'outbox' ? 0 : written, kept: delivery === 'outbox' ? written : 0 };
  }

  /** The same UID in every invitation, update and cancellation, and in the feed: calendars match them up. */
  calendarUid(eventId: string): string {
    return `event-${eventId}@${new URL(this.baseUrl()).hostname}`;
  }

  send(kind: EventMailKind, event: MailEvent, guests: MailGuest[], db: Writer, options: SendOptions = {}): number {
    if (guests.length === 0) return 0;
    const account = this.accounts.getAccount(event.accountId);
    const mailSettings = this.store.mailSettings(event.accountId);
    const settings = this.store.settings(event.id);
    const organizerEmail = this.store.organizerEmail(event.accountId);
    const tokens = this.guests.tokens(guests as GuestRow[], db);
    let written = 0;
    const sent: string[] = [];
    for (const guest of guests) {
      if (kind === 'reminder' && this.unsubscribe.isUnsubscribed(event.accountId, guest.email, db)) continue;
      const token = guest.tokenId ? tokens.get(guest.tokenId) : undefined;
      const content = eventMail({
        kind,
        event: { name: event.name, description: event.description, startsAt: event.startsAt, durationMinutes: event.durationMinutes, timeZone: event.timeZone, uid: this.calendarUid(event.id), sequence: options.sequence ?? settings.calendarSequence },
        guest: {
          email: guest.email,
          name: guestName(guest),
          language: guest.language,
          timeZone: guest.timeZone,
          role: guest.role,
          joinUrl: this.guests.joinUrl(event, guest as GuestRow, token),
          token: token ?? null,
        },
        account: { name: account.name, signature: mailSettings.signature, organizerEmail },
        color: settings.primaryColor,
        ...(options.leadMinutes !== undefined && { leadMinutes: options.leadMinutes }),
        ...(kind === 'reminder' && { unsubscribeUrl: this.unsubscribe.url({ accountId: event.accountId, email: guest.email, language: guest.language }) }),
        thankYouUrl: event.thankYouUrl,
      });
      const wrote = this.mail.enqueue({
        accountId: event.accountId,
        eventId: event.id,
        kind,
        to: guest.email,
        content,
        ...(options.dedupe && { dedupeKey: `${options.dedupe}:${guest.email}:${guest.role}` }),
      }, db);
      if (wrote) {
        written++;
        sent.push(guest.id);
      }
    }
    if (kind !== 'reminder' && kind !== 'thank-you') this.guests.markSent(sent, db);
    return written;
  }
}
