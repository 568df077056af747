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
  /** A LibreTranslate-compatible service for chat translation; none when unset. */
  TRANSLATE_URL: v.optional(Url),
  TRANSLATE_API_KEY: v.optional(v.string()),
  /** Largest stored size of one event's whiteboard, in bytes (ROOM-10); past it the board refuses new drawings. */
  WHITEBOARD_MAX_BYTES: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number of bytes'), v.transform(Number), v.minValue(1024)), String(DEFAULT_MAX_BOARD_BYTES)),
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
  readonly translateUrl: string | undefined;
  readonly translateApiKey: string | undefined;
  readonly whiteboardMaxBytes: number;
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
    translateUrl: e.TRANSLATE_URL,
    translateApiKey: e.TRANSLATE_API_KEY,
    whiteboardMaxBytes: e.WHITEBOARD_MAX_BYTES,
  });
}
