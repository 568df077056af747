import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accountMailSettings, eventScheduling } from '../db/schema-scheduling.ts';
import { users } from '../db/schema-accounts.ts';
import type { RegistrationFields, RegistrationQuestion } from '../../shared/registration-schemas.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';

export type SchedulingRow = typeof eventScheduling.$inferSelect;
export interface SchedulingSettings {
  registrationEnabled: boolean;
  registrationFields: Required<RegistrationFields>;
  registrationQuestions: RegistrationQuestion[];
  reminderMinutes: number[];
  thankYouEmail: boolean;
  calendarSequence: number;
  primaryColor: string | null;
  backgroundColor: string | null;
}

/** The default: a reminder a day before and another 15 minutes before. */
export const DEFAULT_REMINDERS = [1440, 15];
export const DEFAULT_FIELDS: Required<RegistrationFields> = { firstName: 'required', lastName: 'optional', company: 'off', phone: 'off' };

/** Per-event scheduling settings and per-account mail settings, with their defaults when nothing was stored. */
export class SchedulingStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  settings(eventId: string): SchedulingSettings {
    const row = this.db.select().from(eventScheduling).where(eq(eventScheduling.eventId, eventId)).get();
    if (!row) {
      return { registrationEnabled: false, registrationFields: DEFAULT_FIELDS, registrationQuestions: [], reminderMinutes: DEFAULT_REMINDERS, thankYouEmail: true, calendarSequence: 0, primaryColor: null, backgroundColor: null };
    }
    return {
      registrationEnabled: row.registrationEnabled,
      registrationFields: { ...DEFAULT_FIELDS, ...(row.registrationFields as RegistrationFields) },
      registrationQuestions: row.registrationQuestions as RegistrationQuestion[],
      reminderMinutes: row.reminderMinutes as number[],
      thankYouEmail: row.thankYouEmail,
      calendarSequence: row.calendarSequence,
      primaryColor: row.primaryColor,
      backgroundColor: row.backgroundColor,
    };
  }

  save(eventId: string, patch: Partial<SchedulingSettings>, db: Pick<Db, 'insert'> = this.db): SchedulingSettings {
    const next = { ...this.settings(eventId), ...patch };
    const values = { ...next, eventId, updatedAt: this.now() };
    db.insert(eventScheduling).values(values).onConflictDoUpdate({ target: eventScheduling.eventId, set: { ...patch, updatedAt: values.updatedAt } }).run();
    return next;
  }

  /** The next iCalendar SEQUENCE of the event, stored at once so two updates never share one. */
  nextSequence(eventId: string): number {
    return this.save(eventId, { calendarSequence: this.settings(eventId).calendarSequence + 1 }).calendarSequence;
  }

  mailSettings(accountId: string): { signature: string | null; language: MailLanguage; calendarFeedKey: string | null } {
    const row = this.db.select().from(accountMailSettings).where(eq(accountMailSettings.accountId, accountId)).get();
    return { signature: row?.signature ?? null, language: row?.language ?? 'en', calendarFeedKey: row?.calendarFeedKey ?? null };
  }

  saveMailSettings(accountId: string, patch: { signature?: string | null; language?: MailLanguage; calendarFeedKey?: string }): void {
    const values = { ...this.mailSettings(accountId), ...patch, accountId, updatedAt: this.now() };
    this.db.insert(accountMailSettings).values(values).onConflictDoUpdate({ target: accountMailSettings.accountId, set: { ...patch, updatedAt: values.updatedAt } }).run();
  }

  accountIdForFeed(key: string): string | undefined {
    return this.db.select({ accountId: accountMailSettings.accountId }).from(accountMailSettings).where(eq(accountMailSettings.calendarFeedKey, key)).get()?.accountId;
  }

  /** The address calendars show as the organizer: the account's first login. */
  organizerEmail(accountId: string): string {
    return this.db.select({ email: users.email }).from(users).where(eq(users.accountId, accountId)).orderBy(users.createdAt).limit(1).get()?.email ?? 'organizer@invalid';
  }
}
