import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import { LoginBody, SessionOut, SignupBody } from '../../shared/account-schemas.ts';
import { SignupPendingOut } from '../../shared/account-security-schemas.ts';
import type { SignupService } from '../account-security/signup-service.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import { mailLanguageOf } from './account-security.ts';
import { requireCaller, SESSION_COOKIE } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Accounts'];

/** Sign-up, log-in and log-out for the dashboard (HTTP-only, SameSite session cookie). */
export function authRoutes(accounts: AccountsService, cookieSecure: () => boolean, signups?: SignupService) {
  const setSession = (c: Parameters<typeof setCookie>[0], token: string) =>
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: cookieSecure(), path: '/', maxAge: 30 * 86_400 });

  return new Hono<AppEnv>()
    .post('/signup',
      describeRoute({ tags, summary: 'Create an organizer account (free 30-day trial). The answer is the same 202 for a new and a known address: with e-mail verification on, confirm the address with the e-mailed link, then log in; without it, log in (POST /auth/login) with the same password', responses: { 201: jsonContent(SessionOut, 'The new user and account (only on a server built without the sign-up service)'), 202: jsonContent(SignupPendingOut, 'Check your e-mail, or log in now'), 400: problem('Invalid field'), 429: problem('Too many sign-ups from this address (see Retry-After)') } }),
      valid('json', SignupBody),
      async (c) => {
        if (signups) {
          const result = await signups.signup(c.req.valid('json'), c.get('clientAddress'), mailLanguageOf(c.req.header('accept-language')));
          if (result.accountId) c.set('signedUpAccountId', result.accountId);
          return c.json(result.pending, 202);
        }
        const { session, sessionToken } = await accounts.signup(c.req.valid('json'));
        setSession(c, sessionToken);
        return c.json(session, 201);
      })
    .post('/login',
      describeRoute({ tags, summary: 'Log in; sets the session cookie', responses: { 200: jsonContent(SessionOut, 'The user and account'), 401: problem('Wrong e-mail or password'), 403: problem('E-mail address not confirmed yet'), 429: problem('Too many attempts') } }),
      valid('json', LoginBody),
      async (c) => {
        const body = c.req.valid('json');
        const { session, sessionToken } = await accounts.login(body.email, body.password, c.get('clientAddress'));
        try {
          signups?.assertVerified(session.user.id);
        } catch (error) {
          accounts.logout(sessionToken);
          throw error;
        }
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
