import type { Db } from '../db/database.ts';
import type { RegisterBody, RegistrationFormOut, RegistrationQuestion, RegistrationSettingsBody, RegistrationSettingsOut, GuestOut } from '../../shared/registration-schemas.ts';
import { STANDARD_FIELDS } from '../../shared/registration-schemas.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, notFound, tooManyRequests } from '../domain/app-error.ts';
import { toCsv } from '../domain/csv.ts';
import type { EventRow, EventsService } from '../domain/events-service.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import { randomToken } from '../domain/secrets.ts';
import type { AppearanceService } from './appearance-service.ts';
import type { EventMailer } from './event-mailer.ts';
import type { GuestsStore } from './guests-store.ts';
import type { SchedulingStore } from './scheduling-store.ts';

type FieldError = { field: string; message: string };

/**
 * Events that are a series of sessions (automated webinars, AUTO-1): a registrant chooses
 * one of the upcoming sessions and is registered for that session, whose link they get.
 */
export interface SessionChoice {
  /** The sessions open for registration, soonest first; empty when the event is not a series. */
  upcoming(event: EventRow): EventRow[];
}

/**
 * Registration (EV-5): the organizer's form settings, the public page's form, and the
 * registrants. Registering writes the registrant, their personal token and the
 * confirmation e-mail in one transaction; the answer never carries the link itself,
 * which only the owner of the mailbox may get.
 */
export class RegistrationService {
  /** Registrations per address and minute: enough for an office behind one NAT, not for a flood. */
  private readonly perAddress = new RateLimiter(20, 60_000);

  constructor(
    private readonly db: Db,
    private readonly events: EventsService,
    private readonly store: SchedulingStore,
    private readonly guests: GuestsStore,
    private readonly mailer: EventMailer,
    private readonly appearance: AppearanceService,
    private readonly roomStates: RoomStatesStore,
    private readonly baseUrl: () => string,
    private readonly wake: () => void,
    private readonly sessions: SessionChoice = { upcoming: () => [] },
  ) {}

  settings(caller: Caller, publicId: number): RegistrationSettingsOut {
    const event = this.events.owned(caller, publicId);
    const s = this.store.settings(event.id);
    return { enabled: s.registrationEnabled, fields: s.registrationFields, questions: s.registrationQuestions, registrationUrl: this.registrationUrl(publicId) };
  }

  saveSettings(caller: Caller, publicId: number, body: RegistrationSettingsBody): RegistrationSettingsOut {
    const event = this.events.owned(caller, publicId);
    const taken = new Set<string>();
    const questions: RegistrationQuestion[] = body.questions.map((q) => {
      let id = q.id && !taken.has(q.id) ? q.id : `q-${randomToken(6)}`;
      while (taken.has(id)) id = `q-${randomToken(6)}`;
      taken.add(id);
      return { id, type: q.type, label: q.label, required: q.required, ...(q.type === 'choice' && { choices: q.choices ?? [] }) };
    });
    this.store.save(event.id, { registrationEnabled: body.enabled, registrationFields: { ...this.store.settings(event.id).registrationFields, ...body.fields }, registrationQuestions: questions });
    return this.settings(caller, publicId);
  }

  registrationUrl(publicId: number): string {
    return `${this.baseUrl()}/register/${publicId}`;
  }

  /** The public form: 404 while registration is off, so the page says so. */
  form(publicId: number): RegistrationFormOut {
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');
    const s = this.store.settings(event.id);
    if (!s.registrationEnabled) throw new AppError('registration-closed', 404, 'Registration for this event is not open.');
    return {
      event: { id: event.publicId, name: event.name, description: event.description, startsAt: event.startsAt.toISOString(), timeZone: event.timeZone, durationMinutes: event.durationMinutes, kind: event.kind },
      fields: s.registrationFields,
      questions: s.registrationQuestions,
      branding: this.appearance.branding(event.id, event.publicId),
      sessions: this.sessions.upcoming(event).map((e) => ({ id: e.publicId, startsAt: e.startsAt.toISOString() })),
    };
  }

  register(publicId: number, body: RegisterBody, address: string): { id: string; email: string; created: boolean; confirmationEmail: 'queued' | 'kept' | 'none'; sessionId: number } {
    if (!this.perAddress.take(address)) throw tooManyRequests();
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');
    const s = this.store.settings(event.id);
    if (!s.registrationEnabled) throw new AppError('registration-closed', 404, 'Registration for this event is not open.');
    const chosen = this.chosenSession(event, body.sessionId);
    if (this.roomStates.find(chosen.id)?.status === 'ended') throw conflict('event-ended', 'This event has ended.');
    const errors = this.check(body, s.registrationFields, s.registrationQuestions);
    if (errors.length) throw new AppError('validation', 400, `Invalid body: ${errors.map((e) => e.field).join(', ')}.`, errors);

    const answers: Record<string, string | boolean> = {};
    for (const q of s.registrationQuestions) {
      const value = body.answers[q.id];
      if (value !== undefined && value !== '') answers[q.id] = value;
    }
    const result = this.db.transaction((tx) => {
      const { row, created } = this.guests.add(chosen, {
        source: 'registration', role: 'attendee', email: body.email,
        firstName: s.registrationFields.firstName === 'off' ? '' : body.firstName,
        lastName: s.registrationFields.lastName === 'off' ? '' : body.lastName,
        company: s.registrationFields.company === 'off' ? '' : body.company,
        phone: s.registrationFields.phone === 'off' ? '' : body.phone,
        answers, language: body.language, timeZone: body.timeZone ?? null,
      }, tx);
      // A second registration with the same address returns the first, and sends nothing new.
      const written = created ? this.mailer.send('confirmation', chosen, [row], tx) : 0;
      const outcome = this.mailer.outcome(event.accountId, written);
      return { id: row.id, email: row.email, created, confirmationEmail: outcome.queued ? 'queued' as const : outcome.kept ? 'kept' as const : 'none' as const, sessionId: chosen.publicId };
    });
    this.wake();
    return result;
  }

  /**
   * The event a registrant is registered for: the event itself, or for a series the
   * session they chose among the upcoming ones (the only one needs no choice).
   */
  private chosenSession(event: EventRow, sessionId: number | undefined): EventRow {
    const upcoming = this.sessions.upcoming(event);
    if (upcoming.length === 0) {
      if (sessionId !== undefined && sessionId !== event.publicId) throw new AppError('validation', 400, 'This event has no sessions to choose from.', [{ field: 'sessionId', message: 'This event has no sessions to choose from.' }]);
      return event;
    }
    if (sessionId === undefined) {
      if (upcoming.length === 1) return upcoming[0]!;
      throw new AppError('validation', 400, 'Choose a session.', [{ field: 'sessionId', message: 'Choose one of the upcoming sessions.' }]);
    }
    const found = upcoming.find((e) => e.publicId === sessionId);
    if (!found) throw new AppError('validation', 400, 'That session is not open for registration.', [{ field: 'sessionId', message: 'Choose one of the upcoming sessions.' }]);
    return found;
  }

  registrants(caller: Caller, publicId: number): GuestOut[] {
    const event = this.events.owned(caller, publicId);
    const rows = this.guests.list(event.id, 'registration');
    const tokens = this.guests.tokens(rows);
    return rows.map((g) => this.guests.toOut(event, g, tokens));
  }

  registrantsCsv(caller: Caller, publicId: number): { filename: string; csv: string } {
    const event = this.events.owned(caller, publicId);
    const questions = this.store.settings(event.id).registrationQuestions;
    const rows = this.registrants(caller, publicId).map((g) => [
      g.email, g.firstName, g.lastName, g.company, g.phone,
      ...questions.map((q) => {
        const answer = g.answers[q.id];
        return typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : (answer ?? '');
      }),
      g.language, g.timeZone ?? '', g.createdAt, g.joinUrl,
    ]);
    const header = ['email', 'first_name', 'last_name', 'company', 'phone', ...questions.map((q) => q.label), 'language', 'time_zone', 'registered_at', 'join_url'];
    // A BOM, so spreadsheet programs read the file as UTF-8 and Polish names stay whole.
    return { filename: `registrants-${publicId}.csv`, csv: `\uFEFF${toCsv(header, rows)}` };
  }

  private check(body: RegisterBody, fields: Record<string, string>, questions: RegistrationQuestion[]): FieldError[] {
    const errors: FieldError[] = [];
    for (const field of STANDARD_FIELDS) {
      if (fields[field] === 'required' && !body[field]) errors.push({ field, message: 'This field is required.' });
    }
    for (const q of questions) {
      const value = body.answers[q.id];
      const field = `answers.${q.id}`;
      if (q.type === 'consent') {
        if (value !== undefined && typeof value !== 'boolean') errors.push({ field, message: 'Answer with true or false.' });
        else if (q.required && value !== true) errors.push({ field, message: 'This consent is required.' });
      } else if (typeof value === 'boolean') {
        errors.push({ field, message: 'Answer with text.' });
      } else if (!value?.trim()) {
        if (q.required) errors.push({ field, message: 'This field is required.' });
      } else if (q.type === 'choice' && !q.choices?.includes(value)) {
        errors.push({ field, message: 'Pick one of the choices.' });
      }
    }
    return errors;
  }
}
