/** Client-side checks mirroring shared/account-schemas.ts, so most mistakes are caught before a round trip. */
export const looksLikeEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
export const MIN_PASSWORD = 8;

/** Only same-site paths are followed after log-in, never a full URL someone slipped in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}
