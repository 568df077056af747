import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JWTs signed and checked with node:crypto's HMAC, synchronously. The same tokens
 * `hono/jwt` made (header {"alg":"HS256","typ":"JWT"}, base64url parts), but hono goes
 * through WebCrypto, whose every sign and verify is a job on libuv's 4-thread pool: in a
 * join storm (a ticket and a re-entry credential signed per join, the ticket checked
 * again at matchmaking and in the room) joins queued behind that pool for seconds while
 * the event loop sat idle. One HMAC-SHA256 here takes a few microseconds.
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/**
 * The claims of a token signed with `secret` for `audience`, or undefined: a forged or
 * malformed token, another algorithm in its header (never trusted to choose), another
 * audience. Expiry is the caller's to judge, on its own clock.
 */
export function verifyHs256(token: string, secret: string, audience: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    const aud = (claims as { aud?: unknown }).aud;
    if (aud !== audience && !(Array.isArray(aud) && aud.includes(audience))) return undefined;
    const nbf = (claims as { nbf?: unknown }).nbf;
    if (typeof nbf === 'number' && nbf * 1000 > Date.now()) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
