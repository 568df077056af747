import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { Email, Password, PersonName } from '../../shared/account-schemas.ts';
import { PLAN_IDS } from '../../shared/plans.ts';
import { SESSION_COOKIE, requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { SubAccountService } from '../billing/sub-account-service.ts';

const tags = ['Sub-accounts'];
const SubOut = v.object({ id: v.string(), name: v.string(), email: v.string(), userName: v.string(), plan: v.string(), status: v.string(), deleteAt: v.nullable(v.string()), createdAt: v.string() });
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const CreateBody = v.strictObject({ name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Name the sub-account.'), v.maxLength(100)), userName: PersonName, email: Email, plan: v.picklist(PLAN_IDS, 'Choose a package.') });

/** Sub-accounts (ACC-2, ACC-3): the main account's list, creation, visits (audited), package, cancel and delete. */
export function subAccountRoutes(subs: SubAccountService) {
  return new Hono<AppEnv>()
    .post('/sub-accounts/activate',
      describeRoute({ tags, summary: 'Public: the invitee sets a password with the activation link\'s token', security: [], responses: { 204: noContent('Active: log in now'), 400: problem('The link is not valid any more') } }),
      valid('json', v.strictObject({ token: v.pipe(v.string(), v.minLength(10), v.maxLength(100)), password: Password })),
      async (c) => {
        const b = c.req.valid('json');
        await subs.activate(b.token, b.password);
        return c.body(null, 204);
      })
    .get('/sub-accounts/acting-as',
      describeRoute({ tags, summary: 'Whether this session was opened by a main account (for the "acting as" bar)', responses: { 200: jsonContent(v.object({ actingAs: v.nullable(v.object({ subAccountName: v.string(), parentAccountId: v.string() })) }), 'The answer') } }),
      (c) => c.json({ actingAs: subs.actingAs(getCookie(c, SESSION_COOKIE)) }))
    .get('/sub-accounts',
      describeRoute({ tags, summary: 'The main account\'s sub-accounts', responses: { 200: jsonContent(v.object({ subAccounts: v.array(SubOut) }), 'List') } }),
      signedIn,
      (c) => c.json({ subAccounts: subs.list(requireCaller(c)) }))
    .post('/sub-accounts',
      describeRoute({ tags, summary: 'Create a sub-account; its user gets an activation e-mail', responses: { 201: jsonContent(SubOut, 'Invited'), 409: problem('No place left, or the e-mail has a login') } }),
      signedIn,
      valid('json', CreateBody),
      (c) => c.json(subs.create(requireCaller(c), c.req.valid('json')), 201))
    .post('/sub-accounts/:id/enter',
      describeRoute({ tags, summary: 'Log into a sub-account (recorded in the audit log); sets the session cookie', responses: { 204: noContent('Now acting as the sub-account'), 404: problem('Not yours') } }),
      signedIn,
      valid('param', IdParam),
      (c) => {
        const token = subs.enter(requireCaller(c), c.req.valid('param').id);
        setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 8 * 3600 });
        return c.body(null, 204);
      })
    .put('/sub-accounts/:id/plan',
      describeRoute({ tags, summary: 'Change a sub-account\'s package', responses: { 204: noContent('Changed') } }),
      signedIn,
      valid('param', IdParam),
      valid('json', v.strictObject({ plan: v.picklist(PLAN_IDS, 'Choose a package.') })),
      (c) => {
        subs.setPlan(requireCaller(c), c.req.valid('param').id, c.req.valid('json').plan);
        return c.body(null, 204);
      })
    .post('/sub-accounts/:id/cancel',
      describeRoute({ tags, summary: 'Cancel: active to the end of the paid period, then deleted by a job', responses: { 200: jsonContent(SubOut, 'Cancelling') } }),
      signedIn,
      valid('param', IdParam),
      (c) => c.json(subs.cancel(requireCaller(c), c.req.valid('param').id)))
    .post('/sub-accounts/:id/delete',
      describeRoute({ tags, summary: 'Delete now, irreversibly, with everything in it; the name must be typed back', responses: { 204: noContent('Deleted'), 400: problem('The typed name does not match') } }),
      signedIn,
      valid('param', IdParam),
      valid('json', v.strictObject({ confirm: v.pipe(v.string(), v.maxLength(100)) })),
      (c) => {
        subs.delete(requireCaller(c), c.req.valid('param').id, c.req.valid('json').confirm);
        return c.body(null, 204);
      });
}
