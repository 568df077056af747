/**
 * A failure the caller can act on, typed in the domain with a stable `code`. The HTTP
 * edge maps it to `application/problem+json` in one place; rooms send it to the one
 * client concerned. Anything that is not an AppError is a bug and answered with 500.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not-found', 404, `${what} not found.`);
export const unauthorized = (message = 'Log in or send an API key.') => new AppError('unauthorized', 401, message);
export const forbidden = (code: string, message: string) => new AppError(code, 403, message);
export const conflict = (code: string, message: string) => new AppError(code, 409, message);
/**
 * The one 429 (every caller uses `tooManyRequests`): `retryAfterSeconds` (when the limiter knows it) goes out as the
 * `Retry-After` header; without it the HTTP edge says 60 seconds.
 */
class RateLimitedError extends AppError {
  constructor(message = 'Too many attempts; wait a minute and try again.', readonly retryAfterSeconds?: number) {
    super('rate-limited', 429, message);
  }
}
export const tooManyRequests = (message?: string, retryAfterSeconds?: number) => new RateLimitedError(message, retryAfterSeconds);
