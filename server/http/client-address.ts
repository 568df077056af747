import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './context.ts';

/** The caller's address for rate limits: the socket's, or the proxy's X-Forwarded-For when trusted. */
export function clientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let address: string | undefined;
    if (trustProxy) address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (!address) {
      try {
        address = getConnInfo(c).remote.address;
      } catch {
        address = undefined;
      }
    }
    c.set('clientAddress', address ?? 'unknown');
    await next();
  };
}
