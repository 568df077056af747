import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Random identifiers, tokens and hashes; all randomness comes from the CSPRNG. */

/** A URL-safe random string of `bytes` random bytes (default 16 = 128 bits). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** Row ids: 128 random bits. */
export const newId = () => randomToken(16);

/** A 9-digit public event id; the first digit is never 0 so it reads as a number. */
export function randomPublicId(): number {
  return randomInt(100_000_000, 1_000_000_000);
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

/** Constant-time comparison of two hex or text digests. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
