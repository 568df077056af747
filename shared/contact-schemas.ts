import * as v from 'valibot';
import { Email } from './account-schemas.ts';

/** The address book (EV-11). */

const Text200 = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200)), '');

export const ContactBody = v.object({
  email: Email,
  firstName: Text200,
  lastName: Text200,
  company: Text200,
  phone: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40)), ''),
  groupIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100))),
});
export type ContactBody = v.InferOutput<typeof ContactBody>;

export const ContactPatchBody = v.partial(ContactBody);
export type ContactPatchBody = v.InferOutput<typeof ContactPatchBody>;

export const ContactOut = v.object({
  id: v.string(),
  email: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  company: v.string(),
  phone: v.string(),
  groupIds: v.array(v.string()),
  createdAt: v.string(),
});
export type ContactOut = v.InferOutput<typeof ContactOut>;

export const GroupBody = v.object({ name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Name the group.'), v.maxLength(100)) });
export const GroupOut = v.object({ id: v.string(), name: v.string(), size: v.number() });
export type GroupOut = v.InferOutput<typeof GroupOut>;

export const GroupMembersBody = v.object({ contactIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.minLength(1), v.maxLength(5000)) });

/** A row the import left out, numbered as a spreadsheet shows it (the header is row 1). */
export const ImportIssue = v.object({ row: v.number(), reason: v.string() });
export type ImportIssue = v.InferOutput<typeof ImportIssue>;

export const ImportOut = v.object({
  encoding: v.string(),
  separator: v.string(),
  created: v.number(),
  updated: v.number(),
  skipped: v.array(ImportIssue),
});
export type ImportOut = v.InferOutput<typeof ImportOut>;
