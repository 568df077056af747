import * as v from 'valibot';
import { Email } from './account-schemas.ts';
import { isValidTimeZone } from './time.ts';

/** Registration (EV-5): the form an organizer configures and what a registrant sends. */

export const MAIL_LANGUAGES = ['en', 'pl'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];
export const MailLanguageSchema = v.picklist(MAIL_LANGUAGES);

export const STANDARD_FIELDS = ['firstName', 'lastName', 'company', 'phone'] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];
export const FIELD_MODES = ['off', 'optional', 'required'] as const;
const FieldMode = v.picklist(FIELD_MODES);

/** The e-mail is always asked (the personal link goes there); the other standard fields are chosen. */
export const RegistrationFields = v.object({
  firstName: v.optional(FieldMode, 'required'),
  lastName: v.optional(FieldMode, 'optional'),
  company: v.optional(FieldMode, 'off'),
  phone: v.optional(FieldMode, 'off'),
});
export type RegistrationFields = v.InferOutput<typeof RegistrationFields>;

export const QUESTION_TYPES = ['text', 'choice', 'consent'] as const;
const QuestionLabel = v.pipe(v.string(), v.trim(), v.minLength(1, 'Write the question.'), v.maxLength(500));

export const RegistrationQuestionInput = v.pipe(
  v.object({
    /** Keep a question's id when editing, so earlier answers stay attached to it. */
    id: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,32}$/))),
    type: v.picklist(QUESTION_TYPES),
    label: QuestionLabel,
    required: v.optional(v.boolean(), false),
    choices: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))), v.maxLength(30))),
  }),
  v.forward(v.check((q) => q.type !== 'choice' || (q.choices?.length ?? 0) >= 2, 'A choice question needs at least two choices.'), ['choices']),
);
export type RegistrationQuestionInput = v.InferOutput<typeof RegistrationQuestionInput>;

export const RegistrationQuestion = v.object({
  id: v.string(),
  type: v.picklist(QUESTION_TYPES),
  label: v.string(),
  required: v.boolean(),
  choices: v.optional(v.array(v.string())),
});
export type RegistrationQuestion = v.InferOutput<typeof RegistrationQuestion>;

export const RegistrationSettingsBody = v.object({
  enabled: v.boolean(),
  fields: v.optional(RegistrationFields, {}),
  questions: v.optional(v.pipe(v.array(RegistrationQuestionInput), v.maxLength(20, 'At most 20 questions.')), []),
});
export type RegistrationSettingsBody = v.InferOutput<typeof RegistrationSettingsBody>;

export const RegistrationSettingsOut = v.object({
  enabled: v.boolean(),
  fields: v.object({ firstName: FieldMode, lastName: FieldMode, company: FieldMode, phone: FieldMode }),
  questions: v.array(RegistrationQuestion),
  /** The public page people register on. */
  registrationUrl: v.string(),
});
export type RegistrationSettingsOut = v.InferOutput<typeof RegistrationSettingsOut>;

const Optional200 = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), '');

export const RegisterBody = v.object({
  email: Email,
  firstName: Optional200,
  lastName: Optional200,
  company: Optional200,
  phone: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40), v.regex(/^[\d\s()+\-./]*$/, 'Enter a phone number.')), ''),
  /** By question id: text and choice answers are strings, consents booleans. */
  answers: v.optional(v.record(v.pipe(v.string(), v.maxLength(32)), v.union([v.pipe(v.string(), v.maxLength(2000)), v.boolean()])), {}),
  /** The language the page was shown in; e-mails follow it. */
  language: v.optional(MailLanguageSchema, 'en'),
  /** The browser's zone, so e-mails show the time as the registrant reads it. */
  timeZone: v.optional(v.pipe(v.string(), v.check(isValidTimeZone, 'Use an IANA time zone.'))),
  /** For a webinar with sessions (automated series): the session chosen, by its event id; needed when more than one is upcoming. */
  sessionId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});
export type RegisterBody = v.InferOutput<typeof RegisterBody>;

/** The public answer: never the personal link, which only the mailbox owner may see. */
export const RegisterOut = v.object({
  id: v.string(),
  email: v.string(),
  /** False when this address had registered before: the existing registration is kept. */
  created: v.boolean(),
  /** The confirmation e-mail: on its way, kept in the organizer's outbox (no e-mail delivery set up), or none (already registered). */
  confirmationEmail: v.picklist(['queued', 'kept', 'none']),
  /** The event registered for: the session chosen, for a webinar with sessions. */
  sessionId: v.number(),
});

/** A registrant or invitee as the organizer sees them. */
export const GuestOut = v.object({
  id: v.string(),
  source: v.picklist(['registration', 'invitation']),
  role: v.picklist(['attendee', 'presenter']),
  email: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  company: v.string(),
  phone: v.string(),
  answers: v.record(v.string(), v.union([v.string(), v.boolean()])),
  language: MailLanguageSchema,
  timeZone: v.nullable(v.string()),
  /** The personal link (attendees) or the presenter link (presenters). */
  joinUrl: v.string(),
  token: v.nullable(v.string()),
  lastSentAt: v.nullable(v.string()),
  sentCount: v.number(),
  createdAt: v.string(),
});
export type GuestOut = v.InferOutput<typeof GuestOut>;
export const GuestListOut = v.object({ guests: v.array(GuestOut) });

/** Appearance (EV-8) as anyone may see it: the public pages draw themselves with it. */
export const BrandingOut = v.object({
  primaryColor: v.nullable(v.string()),
  backgroundColor: v.nullable(v.string()),
  logoUrl: v.nullable(v.string()),
  backgroundImageUrl: v.nullable(v.string()),
});
export type BrandingOut = v.InferOutput<typeof BrandingOut>;

/** What the public registration page needs. */
export const RegistrationFormOut = v.object({
  event: v.object({ id: v.number(), name: v.string(), description: v.string(), startsAt: v.string(), timeZone: v.string(), durationMinutes: v.number(), kind: v.string() }),
  fields: RegistrationSettingsOut.entries.fields,
  questions: v.array(RegistrationQuestion),
  branding: BrandingOut,
  /** A webinar with sessions: the upcoming ones to choose from, soonest first (empty otherwise). */
  sessions: v.array(v.object({ id: v.number(), startsAt: v.string() })),
});
export type RegistrationFormOut = v.InferOutput<typeof RegistrationFormOut>;
