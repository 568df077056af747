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
export const tooManyRequests = (message = 'Too many attempts; wait a minute and try again.') =>
  new AppError('rate-limited', 429, message);

/** A 429 that says when to come back: the HTTP edge sends `retryAfterSeconds` as `Retry-After`. */
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, message = 'Too many attempts; wait a while and try again.') {
    super('rate-limited', 429, message);
  }
}
