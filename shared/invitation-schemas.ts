import * as v from 'valibot';
import { Email } from './account-schemas.ts';
import { GuestOut, MailLanguageSchema } from './registration-schemas.ts';
import { MailOutcomeOut } from './mail-schemas.ts';

/** Invitations (EV-6): whom to invite, from pasted text, single addresses or the address book. */

export const InviteBody = v.object({
  role: v.optional(v.picklist(['attendee', 'presenter']), 'attendee'),
  /** Addresses pasted from anywhere: commas, semicolons, spaces, new lines, `Name <a@b.c>` all work. */
  text: v.optional(v.pipe(v.string(), v.maxLength(200_000)), ''),
  /** One by one, with a name when known. */
  people: v.optional(v.pipe(v.array(v.object({
    email: Email,
    firstName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
    lastName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), ''),
  })), v.maxLength(5000)), []),
  contactIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(5000)), []),
  groupIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100)), []),
  language: v.optional(MailLanguageSchema),
});
export type InviteBody = v.InferOutput<typeof InviteBody>;

export const InviteOut = v.object({
  invited: v.array(v.object({ id: v.string(), email: v.string() })),
  /** Already invited with this role: not mailed again (use resend for that). */
  alreadyInvited: v.array(v.string()),
  /** Pieces of the pasted text that are not addresses. */
  invalid: v.array(v.string()),
  /** What happened to the invitations' e-mail: queued for delivery, or kept in the outbox. */
  mail: MailOutcomeOut,
});
export type InviteOut = v.InferOutput<typeof InviteOut>;

/** A guest after "resend", with what happened to the e-mail. */
export const ResentGuestOut = v.object({ ...GuestOut.entries, mail: MailOutcomeOut });
export type ResentGuestOut = v.InferOutput<typeof ResentGuestOut>;
