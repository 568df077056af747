import { and, eq } from 'drizzle-orm';
import { DEFAULT_ONDEMAND_SETTINGS, type OnDemandSettings } from '../../shared/ondemand-schemas.ts';
import type { Db } from '../db/database.ts';
import { contactGroups } from '../db/schema-contacts.ts';
import { ondemandSettings } from '../db/schema-ondemand.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict } from '../domain/app-error.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';

/** The organizer's on-demand settings per event (lead gate, name, contact group, pause and seek). */
export class OnDemandSettingsService {
  constructor(private readonly db: Db, private readonly events: EventsService, private readonly now: () => Date = () => new Date()) {}

  of(eventId: string): OnDemandSettings {
    const row = this.db.select().from(ondemandSettings).where(eq(ondemandSettings.eventId, eventId)).get();
    if (!row) return DEFAULT_ONDEMAND_SETTINGS;
    return { leadGate: row.leadGate, nameRequired: row.nameRequired, contactGroupId: row.contactGroupId, allowPause: row.allowPause, allowSeek: row.allowSeek };
  }

  get(caller: Caller, publicId: number): OnDemandSettings {
    return this.of(this.onDemandEvent(caller, publicId).id);
  }

  /** A group of another account is "not in your address book": nothing is saved. */
  save(caller: Caller, publicId: number, body: OnDemandSettings): OnDemandSettings {
    const event = this.onDemandEvent(caller, publicId);
    if (body.contactGroupId !== null) {
      const group = this.db.select({ id: contactGroups.id }).from(contactGroups).where(and(eq(contactGroups.id, body.contactGroupId), eq(contactGroups.accountId, event.accountId))).get();
      if (!group) throw new AppError('unknown-group', 422, 'This contact group is not in your address book.', [{ field: 'contactGroupId', message: 'Not a group of your address book.' }]);
    }
    const values = { ...body, eventId: event.id, updatedAt: this.now() };
    this.db.insert(ondemandSettings).values(values).onConflictDoUpdate({ target: ondemandSettings.eventId, set: values }).run();
    return this.of(event.id);
  }

  /** The event of the caller's account, if it is on-demand. */
  onDemandEvent(caller: Caller, publicId: number): EventRow {
    const event = this.events.owned(caller, publicId);
    if (event.kind !== 'on_demand') throw conflict('not-on-demand', 'This is not an on-demand event; change its type first.');
    return event;
  }
}
