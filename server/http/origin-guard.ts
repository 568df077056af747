import type { MiddlewareHandler } from 'hono';
import { forbidden } from '../domain/app-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests sent by a browser from another site (CSRF). Scripts
 * send no Origin and pass; so does our own page, whose Origin matches the Host it called.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function originGuard(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && !isAllowedOrigin(c.req.header('origin'), c.req.header('host'), allowed)) {
      throw forbidden('foreign-origin', 'Requests from another site are not accepted.');
    }
    await next();
  };
}
