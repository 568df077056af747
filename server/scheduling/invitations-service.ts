import type { Db } from '../db/database.ts';
import type { InviteBody, InviteOut, ResentGuestOut } from '../../shared/invitation-schemas.ts';
import type { GuestOut } from '../../shared/registration-schemas.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { conflict, notFound } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { AddressBookService } from './address-book-service.ts';
import { parseAddressList, splitName } from './address-list.ts';
import type { EventMailer } from './event-mailer.ts';
import type { GuestRow, GuestsStore } from './guests-store.ts';
import type { SchedulingStore } from './scheduling-store.ts';

/**
 * Invitations (EV-6): presenters or attendees, from pasted text, one by one, or from
 * the address book's contacts and groups; also while the event runs. Each invitee gets
 * a personal link by e-mail, with the calendar entry; the organizer can resend it.
 */
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly store: SchedulingStore,
    private readonly guests: GuestsStore,
    private readonly mailer: EventMailer,
    private readonly addressBook: AddressBookService,
    private readonly roomStates: RoomStatesStore,
    private readonly wake: () => void,
  ) {}

  invite(caller: Caller, publicId: number, body: InviteBody): InviteOut {
    const event = this.events.owned(caller, publicId);
    if (this.roomStates.find(event.id)?.status === 'ended') throw conflict('event-ended', 'This event has ended.');
    const pasted = parseAddressList(body.text);
    const people = new Map<string, { email: string; firstName: string; lastName: string }>();
    for (const a of pasted.addresses) people.set(a.email, { email: a.email, ...splitName(a.name) });
    for (const p of body.people) people.set(p.email, p);
    for (const c of this.addressBook.resolve(caller, body.contactIds, body.groupIds)) {
      if (!people.has(c.email)) people.set(c.email, c);
    }
    const language = body.language ?? this.store.mailSettings(caller.accountId).language;
    const result = this.db.transaction((tx) => {
      const invited: GuestRow[] = [];
      const alreadyInvited: string[] = [];
      for (const person of people.values()) {
        const { row, created } = this.guests.add(event, { source: 'invitation', role: body.role, email: person.email, firstName: person.firstName, lastName: person.lastName, language }, tx);
        if (created) invited.push(row);
        else alreadyInvited.push(row.email);
      }
      const written = this.mailer.send('invitation', event, invited, tx);
      return { invited: invited.map((g) => ({ id: g.id, email: g.email })), alreadyInvited, invalid: pasted.invalid, mail: this.mailer.outcome(event.accountId, written) };
    });
    this.wake();
    return result;
  }

  list(caller: Caller, publicId: number, source?: GuestRow['source']): GuestOut[] {
    const event = this.events.owned(caller, publicId);
    const rows = this.guests.list(event.id, source);
    const tokens = this.guests.tokens(rows);
    return rows.map((g) => this.guests.toOut(event, g, tokens));
  }

  /** Sends the guest's invitation (or registration confirmation) again, with the same link. */
  resend(caller: Caller, publicId: number, guestId: string): ResentGuestOut {
    const event = this.events.owned(caller, publicId);
    const guest = this.guests.get(event.id, guestId);
    if (!guest) throw notFound('Guest');
    const written = this.db.transaction((tx) => this.mailer.send(guest.source === 'registration' ? 'confirmation' : 'invitation', event, [guest], tx));
    this.wake();
    const fresh = this.guests.get(event.id, guestId)!;
    return { ...this.guests.toOut(event, fresh, this.guests.tokens([fresh])), mail: this.mailer.outcome(event.accountId, written) };
  }

  remove(caller: Caller, publicId: number, guestId: string): void {
    const event = this.events.owned(caller, publicId);
    const guest = this.guests.get(event.id, guestId);
    if (!guest) throw notFound('Guest');
    this.guests.remove(guest);
  }
}
