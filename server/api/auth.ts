import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import { LoginBody, SessionOut, SignupBody } from '../../shared/account-schemas.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import { requireCaller, SESSION_COOKIE } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Accounts'];

/** Sign-up, log-in and log-out for the dashboard (HTTP-only, SameSite session cookie). */
export function authRoutes(accounts: AccountsService, cookieSecure: () => boolean) {
  const setSession = (c: Parameters<typeof setCookie>[0], token: string) =>
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: cookieSecure(), path: '/', maxAge: 30 * 86_400 });

  return new Hono<AppEnv>()
    .post('/signup',
      describeRoute({ tags, summary: 'Create an organizer account (free 30-day trial) and log in', responses: { 201: jsonContent(SessionOut, 'The new user and account'), 400: problem('Invalid field'), 409: problem('E-mail already registered') } }),
      valid('json', SignupBody),
      async (c) => {
        const { session, sessionToken } = await accounts.signup(c.req.valid('json'));
        setSession(c, sessionToken);
        return c.json(session, 201);
      })
    .post('/login',
      describeRoute({ tags, summary: 'Log in; sets the session cookie', responses: { 200: jsonContent(SessionOut, 'The user and account'), 401: problem('Wrong e-mail or password'), 429: problem('Too many attempts') } }),
      valid('json', LoginBody),
      async (c) => {
        const body = c.req.valid('json');
        const { session, sessionToken } = await accounts.login(body.email, body.password, c.get('clientAddress'));
        setSession(c, sessionToken);
        return c.json(session);
      })
    .post('/logout',
      describeRoute({ tags, summary: 'Log out; ends the session', responses: { 204: noContent('Logged out') } }),
      (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) accounts.logout(token);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.body(null, 204);
      })
    .get('/me',
      describeRoute({ tags, summary: 'The logged-in user and their account with its plan limits', responses: { 200: jsonContent(SessionOut, 'Current session'), 401: problem('Not logged in') } }),
      (c) => c.json(accounts.me(requireCaller(c))));
}
