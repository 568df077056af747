import * as v from 'valibot';
import { CallbackOrder, DEFAULT_HOURS, TimeZone, WorkingHours } from './callme-hours.ts';

/** REST bodies and answers of the click-to-call and chat button (SPEC §9, CALL-1…CALL-7). */

const text = (max: number, field: string) => v.pipe(v.string(), v.trim(), v.nonEmpty(`${field} is required.`), v.maxLength(max, `${field}: at most ${max} characters.`));
const plainText = (max: number, field: string) => v.pipe(v.string(), v.trim(), v.maxLength(max, `${field}: at most ${max} characters.`), v.check((s) => !/[<>]/.test(s), `${field} may not contain HTML.`));

export const HttpUrl = v.pipe(v.string(), v.trim(), v.maxLength(100, 'At most 100 characters.'), v.url('Give a full address starting with http:// or https://.'), v.check((u) => /^https?:\/\//i.test(u), 'Give a full address starting with http:// or https://.'));

/**
 * An origin as it may stand in a CSP source list: a host of letters, digits, dots and
 * hyphens (or an IPv6 literal) and a port. A URL parser lets ";" "," or "*" into a host,
 * which in `frame-ancestors` would start another directive or policy, or be a wildcard.
 */
const PLAIN_ORIGIN = /^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/** A website allowed to embed the button, kept as its origin ("https://shop.example.com"). */
export const Website = v.pipe(
  v.string(), v.trim(), v.maxLength(200),
  v.check((u) => { try { return /^https?:$/.test(new URL(u).protocol) && PLAIN_ORIGIN.test(new URL(u).origin); } catch { return false; } }, 'Give a website address starting with http:// or https://.'),
  v.transform((u) => new URL(u).origin),
);

export const CALLME_LANGUAGES = ['en', 'pl'] as const;
export const BUTTON_CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export const BUTTON_STICK = ['none', 'horizontal', 'vertical', 'both'] as const;
export const BUTTON_SIZES = ['small', 'medium', 'large'] as const;
export const BUTTON_COLOURS = ['green', 'blue', 'violet', 'orange'] as const;
export const BUTTON_MODES = ['chat-voice', 'voice', 'chat'] as const;
export const LABEL_VISIBILITY = ['always', 'after-click', 'after-seconds'] as const;

/** The button (CALL-2); what the loader draws. */
export const ButtonSettings = v.pipe(
  v.object({
    label: plainText(40, 'Label'),
    labelVisibility: v.picklist(LABEL_VISIBILITY),
    labelAfterSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'At least 1 second.'), v.maxValue(600, 'At most 600 seconds.')), 5),
    corner: v.picklist(BUTTON_CORNERS),
    stick: v.picklist(BUTTON_STICK),
    /** Leave the edge when the label shows (meaningful when the label is not always shown and the button sticks). */
    unstickWithLabel: v.optional(v.boolean(), false),
    size: v.picklist(BUTTON_SIZES),
    colour: v.picklist(BUTTON_COLOURS),
    mode: v.picklist(BUTTON_MODES),
  }),
);
export type ButtonSettings = v.InferOutput<typeof ButtonSettings>;

/** The call page (CALL-3). */
export const PageSettings = v.object({
  bigHeader: plainText(50, 'Big header'),
  smallHeader: plainText(200, 'Small header'),
  showChat: v.boolean(),
});
export type PageSettings = v.InferOutput<typeof PageSettings>;

export const DEFAULT_BUTTON: ButtonSettings = { label: 'Call or chat with us', labelVisibility: 'always', labelAfterSeconds: 5, corner: 'bottom-right', stick: 'none', unstickWithLabel: false, size: 'medium', colour: 'green', mode: 'chat-voice' };
export const DEFAULT_PAGE: PageSettings = { bigHeader: 'Talk to us', smallHeader: 'Our consultants answer in the browser: no phone needed.', showChat: true };

/** A package (CALL-1): create takes everything but the name and company as optional. */
export const PackageBody = v.object({
  name: text(25, 'Name'),
  companyName: text(100, 'Company name'),
  companyUrl: HttpUrl,
  language: v.optional(v.picklist(CALLME_LANGUAGES), 'en'),
  timeZone: v.optional(TimeZone, 'Europe/Warsaw'),
  hours: v.optional(WorkingHours, DEFAULT_HOURS),
  websites: v.optional(v.pipe(v.array(Website), v.maxLength(20, 'At most 20 websites.')), []),
  button: v.optional(ButtonSettings, DEFAULT_BUTTON),
  page: v.optional(PageSettings, DEFAULT_PAGE),
});
export type PackageBody = v.InferOutput<typeof PackageBody>;
export const PackagePatch = v.partial(PackageBody);
export type PackagePatch = v.InferOutput<typeof PackagePatch>;

export const PackageOut = v.object({
  id: v.string(),
  name: v.string(),
  companyName: v.string(),
  companyUrl: v.string(),
  language: v.picklist(CALLME_LANGUAGES),
  timeZone: v.string(),
  hours: WorkingHours,
  websites: v.array(v.string()),
  button: ButtonSettings,
  page: PageSettings,
  logoUrl: v.nullable(v.string()),
  /** The one-line embed snippet and the call page's address. */
  snippet: v.string(),
  callPageUrl: v.string(),
});
export type PackageOut = v.InferOutput<typeof PackageOut>;

export const PackageIdParam = v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

/** Consultants (CALL-4). */
export const ConsultantBody = v.object({
  email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(64, 'E-mail: at most 64 characters.'), v.email('Give a valid e-mail address.')),
  firstName: text(40, 'First name'),
  lastName: text(40, 'Last name'),
  password: v.pipe(v.string(), v.minLength(10, 'Password: at least 10 characters.'), v.maxLength(200)),
  mayReceiveCalls: v.optional(v.boolean(), true),
  emailChatHistory: v.optional(v.boolean(), false),
});
export type ConsultantBody = v.InferOutput<typeof ConsultantBody>;
export const ConsultantPatch = v.partial(ConsultantBody);
export type ConsultantPatch = v.InferOutput<typeof ConsultantPatch>;

export const CONSULTANT_STATUSES = ['available', 'busy'] as const;
export const ConsultantOut = v.object({
  id: v.string(),
  email: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  mayReceiveCalls: v.boolean(),
  emailChatHistory: v.boolean(),
  status: v.picklist(CONSULTANT_STATUSES),
  photoUrl: v.nullable(v.string()),
});
export type ConsultantOut = v.InferOutput<typeof ConsultantOut>;

export const ConsultantLogin = v.object({ email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(64)), password: v.pipe(v.string(), v.maxLength(200)) });
export const StatusBody = v.object({ status: v.picklist(CONSULTANT_STATUSES) });

/** What the call page and the widget frame read: public, nothing of the account. */
export const PublicPackageOut = v.object({
  id: v.string(),
  companyName: v.string(),
  companyUrl: v.string(),
  language: v.picklist(CALLME_LANGUAGES),
  timeZone: v.string(),
  hours: WorkingHours,
  button: ButtonSettings,
  page: PageSettings,
  logoUrl: v.nullable(v.string()),
  openNow: v.boolean(),
  websites: v.array(v.string()),
  consultants: v.array(v.object({ id: v.string(), firstName: v.string(), lastName: v.string(), photoUrl: v.nullable(v.string()), status: v.picklist([...CONSULTANT_STATUSES, 'offline']) })),
});
export type PublicPackageOut = v.InferOutput<typeof PublicPackageOut>;

export { CallbackOrder };
export const CallbackOut = v.object({ id: v.string(), phone: v.string(), email: v.string(), date: v.string(), time: v.string(), at: v.string(), createdAt: v.string(), done: v.boolean() });
export type CallbackOut = v.InferOutput<typeof CallbackOut>;

export const ChatHistoryOut = v.object({
  id: v.string(),
  visitorId: v.string(),
  consultantId: v.nullable(v.string()),
  state: v.picklist(['queued', 'active', 'closed']),
  createdAt: v.string(),
  closedAt: v.nullable(v.string()),
  messages: v.array(v.object({ author: v.picklist(['visitor', 'consultant', 'system']), body: v.string(), kind: v.string(), at: v.string() })),
});
export type ChatHistoryOut = v.InferOutput<typeof ChatHistoryOut>;
