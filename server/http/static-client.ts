import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * Serves the built browser client (Vite's `dist/client`). Hashed assets are cached for a
 * year; every other path answers index.html so the client's router can draw it.
 */
export function staticClient(distDir: string) {
  const app = new Hono();
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    return app.get('*', (c) => c.text('The browser client is not built yet: run `npm run build` (npm start does it for you).', 503));
  }
  // Read per page load (a few KB), so a rebuild while the server runs is served at once.
  const index = () => readFileSync(indexFile, 'utf8');
  return app
    .use('/assets/*', async (c, next) => {
      await next();
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
    })
    .use('/*', serveStatic({ root: distDir }))
    .get('*', (c) => c.html(index(), 200, { 'cache-control': 'no-cache' }));
}
