import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AccountsService, Caller } from '../domain/accounts-service.ts';
import { unauthorized } from '../domain/app-error.ts';
import type { AppEnv } from './context.ts';

export const SESSION_COOKIE = 'sid';

/** Resolves the caller from `Authorization: Bearer <api key>` or the session cookie; never refuses. */
export function identifyCaller(accounts: AccountsService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let caller: Caller | undefined;
    if (header?.startsWith('Bearer ')) {
      caller = accounts.callerFromApiKey(header.slice(7).trim());
      if (!caller) throw unauthorized('This API key is not valid or has been revoked.');
    } else {
      const session = getCookie(c, SESSION_COOKIE);
      if (session) caller = accounts.callerFromSession(session);
    }
    c.set('caller', caller);
    await next();
  };
}

export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get('caller');
  if (!caller) throw unauthorized();
  return caller;
}

/** Route guard: organizer endpoints check the caller before looking at the body, so strangers learn nothing. */
export const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireCaller(c);
  await next();
};
