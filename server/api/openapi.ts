import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { openAPIRouteHandler } from 'hono-openapi';

/**
 * `/openapi.json`, generated from the routes' valibot schemas, and `/docs`, a Swagger UI
 * served from our own node_modules (no CDN: a self-hosted server may have no internet).
 */
export function openApiRoutes(api: Hono<any>, serverUrl: () => string) {
  const uiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const asset = (file: string) => readFileSync(join(uiDir, file));
  const spec = openAPIRouteHandler(api, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Webinar platform REST API',
        version: '1.0.0',
        description: 'Schedule and script events. Authenticate with `Authorization: Bearer <API key>` (create keys in the dashboard or with `POST /api-keys`), or with the dashboard session cookie. Errors are `application/problem+json` naming the field.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key of the account' },
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
        },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'code'],
            properties: {
              type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>REST API reference</title><link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="docs/swagger-ui-bundle.js"></script><script src="docs/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#ui', deepLinking: true });`;
  return new Hono()
    .get('/openapi.json', async (c, next) => {
      const response = await spec(c, next);
      if (!(response instanceof Response)) return response;
      const document = (await response.json()) as Record<string, unknown>;
      return c.json({ ...document, servers: [{ url: `${serverUrl()}/api/v1` }] });
    })
    .get('/docs', (c) => c.html(html))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript' }))
    .get('/docs/swagger-ui.css', (c) => c.body(asset('swagger-ui.css'), 200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=86400' }))
    .get('/docs/swagger-ui-bundle.js', (c) => c.body(asset('swagger-ui-bundle.js'), 200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=86400' }));
}
