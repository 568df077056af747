import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { AddUserBody, ApiKeyOut, CreateApiKeyBody, CreatedApiKeyOut, UserOut } from '../../shared/account-schemas.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const KeyIdParam = v.object({ keyId: v.pipe(v.string(), v.maxLength(64)) });

/** API keys for scripting and the account's users (ACC-2 multi-user). */
export function accountRoutes(accounts: AccountsService) {
  const tags = ['Accounts'];
  return new Hono<AppEnv>()
    .use('/api-keys/*', signedIn)
    .use('/api-keys', signedIn)
    .use('/account/*', signedIn)
    .post('/api-keys',
      describeRoute({ tags, summary: 'Create an API key; the key is shown only in this answer', responses: { 201: jsonContent(CreatedApiKeyOut, 'The new key'), 400: problem('Invalid field'), 401: problem('Not logged in') } }),
      valid('json', CreateApiKeyBody),
      (c) => c.json(accounts.createApiKey(requireCaller(c), c.req.valid('json').name), 201))
    .get('/api-keys',
      describeRoute({ tags, summary: 'List the account\'s API keys (without the keys themselves)', responses: { 200: jsonContent(v.object({ apiKeys: v.array(ApiKeyOut) }), 'Keys') } }),
      (c) => c.json({ apiKeys: accounts.listApiKeys(requireCaller(c)) }))
    .delete('/api-keys/:keyId',
      describeRoute({ tags, summary: 'Revoke an API key', responses: { 204: noContent('Revoked'), 404: problem('No such key in this account') } }),
      valid('param', KeyIdParam),
      (c) => {
        accounts.revokeApiKey(requireCaller(c), c.req.valid('param').keyId);
        return c.body(null, 204);
      })
    .get('/account/users',
      describeRoute({ tags, summary: 'List the logins of this account', responses: { 200: jsonContent(v.object({ users: v.array(UserOut) }), 'Users') } }),
      (c) => c.json({ users: accounts.listUsers(requireCaller(c)) }))
    .post('/account/users',
      describeRoute({ tags, summary: 'Add another login to this account (multi-user)', responses: { 201: jsonContent(UserOut, 'The new user'), 400: problem('Invalid field'), 409: problem('E-mail already has a login') } }),
      valid('json', AddUserBody),
      async (c) => c.json(await accounts.addUser(requireCaller(c), c.req.valid('json')), 201));
}
