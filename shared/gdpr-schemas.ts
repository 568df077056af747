import * as v from 'valibot';
import { Email } from './account-schemas.ts';

/** Data-protection requests (GDPR-1, GDPR-2): REST bodies and answers. */

export const AttendeeLookupBody = v.object({ email: Email });

export const AttendeeErasureBody = v.object({
  email: Email,
  /** Keep what they wrote in chat and Q&A (shown as "removed user"); by default the text goes too. */
  keepText: v.optional(v.boolean(), false),
});

const Name = v.pipe(v.string(), v.trim(), v.minLength(1, 'Write the name.'), v.maxLength(200, 'At most 200 characters.'));

export const AttendeeRectificationBody = v.pipe(
  v.object({ email: Email, newEmail: v.optional(Email), newName: v.optional(Name) }),
  v.forward(v.check((b) => b.newEmail !== undefined || b.newName !== undefined, 'Give a new name, a new e-mail, or both.'), ['newName']),
);

export const AccountErasureBody = v.object({
  /** The account's name typed again: erasure cannot be undone. */
  confirm: v.pipe(v.string(), v.maxLength(200)),
});

const Counts = v.record(v.string(), v.number());
export const AttendeeErasureOut = v.object({ deleted: Counts, anonymised: Counts });
export const AttendeeRectificationOut = v.object({ updated: Counts });
export const AccountErasureOut = v.object({ deleted: Counts, keptForBilling: v.array(v.string()) });

export const ConsentOut = v.object({
  kind: v.picklist(['registration', 'reminder-mail']),
  email: v.string(),
  eventId: v.nullable(v.string()),
  eventName: v.nullable(v.string()),
  text: v.string(),
  given: v.boolean(),
  at: v.string(),
});

export const AttendeeExportOut = v.object({
  exportedAt: v.string(),
  subject: v.object({ email: v.string(), names: v.array(v.string()) }),
  consents: v.array(ConsentOut),
  /** Every row about the attendee, by database table. */
  records: v.record(v.string(), v.array(v.record(v.string(), v.unknown()))),
});
export type AttendeeExportOut = v.InferOutput<typeof AttendeeExportOut>;
