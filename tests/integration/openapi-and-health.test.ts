import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

describe('operations endpoints', () => {
  it('GET /api/v1/health reports the database', async () => {
    const response = await fetch(`${server.url}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('GET /api/v1/openapi.json is a valid OpenAPI 3 document listing the endpoints', async () => {
    const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      'POST /auth/signup', 'POST /auth/login', 'POST /auth/logout', 'GET /auth/me',
      'POST /api-keys', 'GET /api-keys', 'DELETE /api-keys/{keyId}',
      'GET /account/users', 'POST /account/users',
      'POST /events', 'GET /events', 'GET /events/{id}', 'PATCH /events/{id}', 'DELETE /events/{id}',
      'POST /events/{id}/tokens', 'GET /events/{id}/tokens', 'GET /events/{id}/entry', 'POST /events/{id}/join',
      'GET /health',
    ]));
    // Request bodies come from the same valibot schemas the server validates with.
    const createEvent = document.paths['/events'].post.requestBody.content['application/json'].schema;
    expect(createEvent.properties.kind.enum).toEqual(['webinar', 'meeting', 'automated', 'on_demand']);
    expect(createEvent.required).toEqual(expect.arrayContaining(['name', 'startsAt', 'timeZone']));
  });

  it('serves a browsable API reference at /api/v1/docs without any CDN', async () => {
    const html = await (await fetch(`${server.url}/api/v1/docs`)).text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${server.url}/api/v1/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});
