import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { ChangePasswordBody, ChangePasswordOut, LinkStatusOut, LinkTokenBody, PasswordResetBody, PasswordResetRequestBody, PasswordResetRequestOut } from '../../shared/account-security-schemas.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';
import type { PasswordService } from '../account-security/password-service.ts';
import type { SignupService } from '../account-security/signup-service.ts';
import { sha256 } from '../domain/secrets.ts';
import { requireCaller, SESSION_COOKIE, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Accounts'];

/** The language of account e-mail: Polish when the browser asks for it first, else English. */
export function mailLanguageOf(acceptLanguage: string | undefined): MailLanguage {
  return acceptLanguage?.trim().toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

/** ACC-4: forgotten password, password change, and confirming the address of a new sign-up. */
export function accountSecurityRoutes(passwords: PasswordService, signups: SignupService) {
  return new Hono<AppEnv>()
    .post('/auth/password-reset',
      describeRoute({ tags, summary: 'Ask for a password reset link (valid one hour, single use); the answer is the same whether the address has an account', responses: { 202: jsonContent(PasswordResetRequestOut, 'Accepted'), 400: problem('Invalid e-mail'), 429: problem('Too many requests (see Retry-After)') } }),
      valid('json', PasswordResetRequestBody),
      (c) => c.json(passwords.requestReset(c.req.valid('json').email, c.get('clientAddress'), mailLanguageOf(c.req.header('accept-language'))), 202))
    .post('/auth/password-reset/check',
      describeRoute({ tags, summary: 'Whether a reset link can still be used', responses: { 200: jsonContent(LinkStatusOut, 'Usable'), 400: problem('Not a valid link'), 410: problem('Used or expired') } }),
      valid('json', LinkTokenBody),
      (c) => c.json(passwords.checkLink(c.req.valid('json').token)))
    .post('/auth/password-reset/confirm',
      describeRoute({ tags, summary: 'Set a new password with a reset link; the link is spent and every session of the user ends', responses: { 204: noContent('Password changed'), 400: problem('Invalid link or password'), 410: problem('Used or expired link') } }),
      valid('json', PasswordResetBody),
      async (c) => {
        const { token, password } = c.req.valid('json');
        await passwords.reset(token, password);
        return c.body(null, 204);
      })
    .post('/auth/verify-email',
      describeRoute({ tags, summary: 'Confirm the e-mail address of a new sign-up with the e-mailed link; log in afterwards', responses: { 200: jsonContent(v.object({ email: v.string() }), 'Confirmed'), 400: problem('Invalid link'), 410: problem('Expired link') } }),
      valid('json', LinkTokenBody),
      (c) => c.json(signups.verify(c.req.valid('json').token)))
    .post('/account/password',
      describeRoute({ tags, summary: 'Change the password (the current one is required); every other session of the user ends', responses: { 200: jsonContent(ChangePasswordOut, 'Changed'), 400: problem('Wrong current password or invalid new one'), 401: problem('Not logged in'), 429: problem('Too many attempts') } }),
      signedIn,
      valid('json', ChangePasswordBody),
      async (c) => {
        const session = getCookie(c, SESSION_COOKIE);
        const { currentPassword, newPassword } = c.req.valid('json');
        return c.json(await passwords.change(requireCaller(c), session ? sha256(session) : undefined, currentPassword, newPassword));
      });
}
