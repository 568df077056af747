import * as v from 'valibot';
import { resolve } from 'node:path';
import { PLAN_IDS, type PlanId } from '../shared/plans.ts';
import { DEFAULT_MAX_BOARD_BYTES } from '../shared/whiteboard-protocol.ts';

/**
 * Every environment variable the server reads, parsed once with valibot. A bad value
 * stops start-up with a message naming the variable. Nothing else reads `process.env`.
 */
const Port = v.pipe(v.string(), v.regex(/^\d+$/, 'must be a port number'), v.transform(Number), v.integer(), v.minValue(0), v.maxValue(65535));
const Url = v.pipe(v.string(), v.url('must be an absolute URL such as https://webinars.example.com'), v.transform((s) => s.replace(/\/+$/, '')));
const LiveKitUrl = v.pipe(v.string(), v.regex(/^(wss?|https?):\/\/[^\s/]+/, 'must be an address such as wss://livekit.example.com'), v.transform((s) => s.replace(/\/+$/, '')));
const Bool = v.pipe(v.picklist(['true', 'false', '1', '0'], 'must be true or false'), v.transform((s) => s === 'true' || s === '1'));

const EnvSchema = v.object({
  PORT: v.optional(Port, '3000'),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1)), '0.0.0.0'),
  DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), './data'),
  /** The address people use to reach the server; room links are built from it. */
  PUBLIC_URL: v.optional(Url),
  /** Signs room tickets and event-password HMACs. Generated into DATA_DIR when unset. */
  SECRET_KEY: v.optional(v.pipe(v.string(), v.minLength(32, 'must have at least 32 characters'))),
  /** Extra origins (comma-separated) allowed to make state-changing requests, e.g. a separate dashboard host. */
  ALLOWED_ORIGINS: v.optional(v.pipe(v.string(), v.transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))), ''),
  /** Trust X-Forwarded-For for the client address (set when behind a reverse proxy). */
  TRUST_PROXY: v.optional(Bool, 'false'),
  /** Secure cookies; defaults to true when PUBLIC_URL is https. */
  COOKIE_SECURE: v.optional(Bool),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  /** Plan of new accounts: `trial` (30 days, ACC-1 limits) or `self-hosted` (no commercial limits). */
  DEFAULT_PLAN: v.optional(v.picklist(PLAN_IDS, `must be one of ${PLAN_IDS.join(', ')}`), 'trial'),
  /** Join attempts per minute from one address (a whole office behind one NAT may need more). */
  JOIN_RATE_PER_MINUTE: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1)), '30'),
  /** Public event lookups (`/events/{id}/entry`, personal link checks) per minute from one address. */
  ENTRY_RATE_PER_MINUTE: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1)), '120'),
  /** A LibreTranslate-compatible service for chat translation; none when unset. */
  TRANSLATE_URL: v.optional(Url),
  TRANSLATE_API_KEY: v.optional(v.string()),
  /** E-mail through Resend when set; without it every message stays in the outbox the dashboard shows. */
  RESEND_API_KEY: v.optional(v.pipe(v.string(), v.regex(/^\S+$/, 'must not contain spaces'))),
  /** The sender, e.g. `Webinars <webinars@example.com>` (a domain verified at Resend). Needed with RESEND_API_KEY. */
  MAIL_FROM: v.optional(v.pipe(v.string(), v.regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, e.g. Webinars <webinars@example.com>'))),
  /** Resend's API address; only for a proxy or a test stub. */
  RESEND_API_URL: v.optional(Url),
  /** E-mail through an SMTP server (instead of Resend): its host, port (587, or 465 with SMTP_SECURE), login and password. Needs MAIL_FROM. */
  SMTP_HOST: v.optional(v.pipe(v.string(), v.regex(/^[^\s/:]+$|^\[[0-9a-fA-F:.]+\]$/, 'must be a host name or address, e.g. smtp.example.com'))),
  SMTP_PORT: v.optional(Port),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it (587, 25). */
  SMTP_SECURE: v.optional(Bool),
  SMTP_USER: v.optional(v.pipe(v.string(), v.minLength(1))),
  SMTP_PASSWORD: v.optional(v.string()),
  /** An account's own SMTP server (dashboard) may be on loopback or private addresses: `true`, or a list of addresses and CIDR ranges. */
  ACCOUNT_SMTP_ALLOW_PRIVATE: v.optional(v.pipe(v.string(), v.regex(/^(true|false|1|0|[0-9a-fA-F.:/,\s]+)$/, 'must be true, false or a list of addresses and CIDR ranges')), 'false'),
  /** New sign-ups confirm their e-mail address before they can log in; default true when e-mail delivery is configured. */
  REQUIRE_EMAIL_VERIFICATION: v.optional(Bool),
  /** Sign-ups per hour from one address (client IP). */
  SIGNUP_RATE_PER_HOUR: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.minValue(1)), '10'),
  /**
   * A LiveKit deployment or cluster for audio and video (ws://, wss://, http:// or https://).
   * When unset, the server runs its own LiveKit from .tools/bin (see LIVEKIT_LOCAL).
   */
  LIVEKIT_URL: v.optional(LiveKitUrl),
  /** The API key and secret of that deployment; required with LIVEKIT_URL. */
  LIVEKIT_API_KEY: v.optional(v.pipe(v.string(), v.minLength(1))),
  LIVEKIT_API_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must have at least 32 characters'))),
  /** The LiveKit address browsers use, when it differs from the one this server calls. */
  LIVEKIT_PUBLIC_URL: v.optional(LiveKitUrl),
  /** Without LIVEKIT_URL: run the project's own LiveKit server (default true); false means no audio and video. */
  LIVEKIT_LOCAL: v.optional(Bool, 'true'),
  /** The local LiveKit's signalling port (default 7880) and its WebRTC port, UDP and TCP (default 7881); 0 picks free ones. */
  LIVEKIT_PORT: v.optional(Port, '7880'),
  LIVEKIT_RTC_PORT: v.optional(Port, '7881'),
  /** Largest stored size of one event's whiteboard, in bytes (ROOM-10); past it the board refuses new drawings. */
  WHITEBOARD_MAX_BYTES: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of bytes'), v.transform(Number), v.minValue(1024)), String(DEFAULT_MAX_BOARD_BYTES)),
  /** Webhooks may reach loopback, private and link-local addresses: `true`, or a list of addresses and CIDR ranges (tests). */
  WEBHOOK_ALLOW_PRIVATE: v.optional(v.pipe(v.string(), v.regex(/^(true|false|1|0|[0-9a-fA-F.:/,\s]+)$/, 'must be true, false or a list of addresses and CIDR ranges')), 'false'),
  /** Multiplies the webhook retry schedule (5 s … 24 h, about 3 days); only tests shrink it. */
  WEBHOOK_BACKOFF_SCALE: v.optional(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'must be a number'), v.transform(Number), v.minValue(0.00001)), '1'),
  /** GDPR-4: months after an event ends before its attendees' personal data is anonymised. */
  RETENTION_MONTHS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of months'), v.transform(Number), v.minValue(1)), '24'),
  /** How conversions are sandboxed: `auto` (bubblewrap when it works here) or `rlimit-only` (prlimit + timeout, no namespaces). */
  FILES_SANDBOX: v.optional(v.picklist(['auto', 'rlimit-only'], 'must be auto or rlimit-only'), 'auto'),
  /** A resumable upload nobody has sent to for this long is dropped with its bytes (its quota freed). */
  FILES_UPLOAD_IDLE_SECONDS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of seconds'), v.transform(Number), v.minValue(1)), String(24 * 3600)),
  /** Stripe secret (or restricted) key for plan payments; without it plans are assigned by the operator. */
  STRIPE_SECRET_KEY: v.optional(v.pipe(v.string(), v.regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe key such as sk_live_…'))),
  /** The signing secret of the Stripe webhook endpoint /api/v1/webhooks/stripe (whsec_…). */
  STRIPE_WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.regex(/^whsec_\S+$/, 'must be a webhook signing secret (whsec_…)'))),
  /** Stripe's API address; only for stripe-mock or a test double. */
  STRIPE_API_BASE: v.optional(Url),
  /** The seller printed on invoices (BILL-7): name, address, country (ISO code) and VAT id. */
  SELLER_NAME: v.optional(v.pipe(v.string(), v.minLength(1)), 'Webinar platform operator'),
  SELLER_ADDRESS: v.optional(v.string(), ''),
  SELLER_COUNTRY: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as PL')), 'PL'),
  SELLER_VAT_ID: v.optional(v.string(), ''),
  /** E-mail addresses (comma-separated) of the operator's logins: they assign plans and export invoices. */
  OPERATOR_EMAILS: v.optional(v.pipe(v.string(), v.transform((s) => s.split(',').map((o) => o.trim().toLowerCase()).filter(Boolean))), ''),
  /** Who records (ROOM-13): the built-in recorder, LiveKit Egress run by the operator, or nobody. */
  RECORDER: v.optional(v.picklist(['builtin', 'egress', 'off'], 'must be builtin, egress or off'), 'builtin'),
  /** The built-in recorder's x264 preset (faster presets use less CPU for a larger file). */
  RECORDER_PRESET: v.optional(v.picklist(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'], 'must be an x264 preset such as veryfast'), 'veryfast'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly publicUrl: string | undefined;
  readonly secretKey: string | undefined;
  readonly allowedOrigins: readonly string[];
  readonly trustProxy: boolean;
  readonly cookieSecure: boolean | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly defaultPlan: PlanId;
  readonly joinRatePerMinute: number;
  readonly entryRatePerMinute: number;
  readonly translateUrl: string | undefined;
  readonly translateApiKey: string | undefined;
  readonly resendApiKey: string | undefined;
  readonly mailFrom: string | undefined;
  readonly resendApiUrl: string | undefined;
  /** The server-wide SMTP server, when SMTP_HOST is set. */
  readonly smtp: SmtpConfig | undefined;
  readonly requireEmailVerification: boolean;
  readonly accountSmtpAllowPrivate: string;
  readonly signupRatePerHour: number;
  readonly livekit: LiveKitConfig;
  readonly whiteboardMaxBytes: number;
  readonly webhookAllowPrivate: string;
  readonly webhookBackoffScale: number;
  readonly retentionMonths: number;
  readonly filesSandbox: 'auto' | 'rlimit-only';
  readonly filesUploadIdleSeconds: number;
  readonly billing: BillingConfig;
  readonly recorder: 'builtin' | 'egress' | 'off';
  readonly recorderPreset: string;
}

/** Payments and invoices (issue 13): Stripe when both keys are set, the seller for invoices. */
export interface BillingConfig {
  readonly stripe: { readonly secretKey: string; readonly webhookSecret: string } | undefined;
  /** Stripe's API address for the platform's and the organizers' keys; tests only. */
  readonly stripeApiBase: string | undefined;
  readonly seller: { readonly name: string; readonly address: string; readonly country: string; readonly vatId: string };
  readonly operatorEmails: readonly string[];
}

/**
 * Where audio and video come from: an external LiveKit deployment, the project's own
 * LiveKit server started beside this one, or nothing (the room says so).
 */
export type LiveKitConfig =
  | { readonly kind: 'external'; readonly url: string; readonly publicUrl: string; readonly apiKey: string; readonly apiSecret: string }
  | { readonly kind: 'local'; readonly port: number; readonly rtcPort: number; readonly publicUrl: string | undefined }
  | { readonly kind: 'off' };

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, so an .env copied from .env.example works as it is.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = v.safeParse(EnvSchema, present);
  if (!parsed.success) {
    const lines = parsed.issues.map((issue) => `  ${v.getDotPath(issue) ?? '?'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.output;
  if (e.RESEND_API_KEY && !e.MAIL_FROM) throw new ConfigError('Invalid configuration:\n  MAIL_FROM: must be set when RESEND_API_KEY is, e.g. Webinars <webinars@example.com>');
  if (e.SMTP_HOST && !e.MAIL_FROM) throw new ConfigError('Invalid configuration:\n  MAIL_FROM: must be set when SMTP_HOST is, e.g. Webinars <webinars@example.com>');
  if (e.SMTP_HOST && e.RESEND_API_KEY) throw new ConfigError('Invalid configuration:\n  SMTP_HOST: set either SMTP_HOST or RESEND_API_KEY, not both');
  const smtpSecure = e.SMTP_SECURE ?? e.SMTP_PORT === 465;
  const smtp: SmtpConfig | undefined = e.SMTP_HOST
    ? { host: e.SMTP_HOST.replace(/^\[|\]$/g, ''), port: e.SMTP_PORT ?? (smtpSecure ? 465 : 587), secure: smtpSecure, user: e.SMTP_USER, password: e.SMTP_PASSWORD }
    : undefined;
  if (e.LIVEKIT_URL && (!e.LIVEKIT_API_KEY || !e.LIVEKIT_API_SECRET)) {
    throw new ConfigError(`Invalid configuration:\n  ${e.LIVEKIT_API_KEY ? 'LIVEKIT_API_SECRET' : 'LIVEKIT_API_KEY'}: required with LIVEKIT_URL`);
  }
  const livekit: LiveKitConfig = e.LIVEKIT_URL
    ? { kind: 'external', url: e.LIVEKIT_URL, publicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY!, apiSecret: e.LIVEKIT_API_SECRET! }
    : e.LIVEKIT_LOCAL
      ? { kind: 'local', port: e.LIVEKIT_PORT, rtcPort: e.LIVEKIT_RTC_PORT, publicUrl: e.LIVEKIT_PUBLIC_URL }
      : { kind: 'off' };
  if (!!e.STRIPE_SECRET_KEY !== !!e.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError(`Invalid configuration:\n  ${e.STRIPE_SECRET_KEY ? 'STRIPE_WEBHOOK_SECRET' : 'STRIPE_SECRET_KEY'}: required with ${e.STRIPE_SECRET_KEY ? 'STRIPE_SECRET_KEY' : 'STRIPE_WEBHOOK_SECRET'}`);
  }
  const billing: BillingConfig = {
    stripe: e.STRIPE_SECRET_KEY ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET! } : undefined,
    stripeApiBase: e.STRIPE_API_BASE,
    seller: { name: e.SELLER_NAME, address: e.SELLER_ADDRESS, country: e.SELLER_COUNTRY, vatId: e.SELLER_VAT_ID },
    operatorEmails: e.OPERATOR_EMAILS,
  };
  const dataDir = resolve(e.DATA_DIR);
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: resolve(dataDir, 'app.db'),
    publicUrl: e.PUBLIC_URL,
    secretKey: e.SECRET_KEY,
    allowedOrigins: Object.freeze(e.ALLOWED_ORIGINS),
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    defaultPlan: e.DEFAULT_PLAN,
    joinRatePerMinute: e.JOIN_RATE_PER_MINUTE,
    entryRatePerMinute: e.ENTRY_RATE_PER_MINUTE,
    translateUrl: e.TRANSLATE_URL,
    translateApiKey: e.TRANSLATE_API_KEY,
    resendApiKey: e.RESEND_API_KEY,
    mailFrom: e.MAIL_FROM,
    resendApiUrl: e.RESEND_API_URL,
    smtp: smtp && Object.freeze(smtp),
    requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION ?? Boolean(e.RESEND_API_KEY || e.SMTP_HOST),
    signupRatePerHour: e.SIGNUP_RATE_PER_HOUR,
    accountSmtpAllowPrivate: e.ACCOUNT_SMTP_ALLOW_PRIVATE,
    livekit: Object.freeze(livekit),
    whiteboardMaxBytes: e.WHITEBOARD_MAX_BYTES,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    webhookBackoffScale: e.WEBHOOK_BACKOFF_SCALE,
    retentionMonths: e.RETENTION_MONTHS,
    filesSandbox: e.FILES_SANDBOX,
    filesUploadIdleSeconds: e.FILES_UPLOAD_IDLE_SECONDS,
    billing,
    recorder: e.RECORDER,
    recorderPreset: e.RECORDER_PRESET,
  });
}
