import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const backend = 'http://localhost:3000';

/**
 * The browser client: sources in client/, built into dist/client, which the server
 * serves with an SPA fallback. `vite dev` forwards the API, matchmaking and room
 * sockets to a server started with `npm run dev` on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // shared/ lives outside client/, and the client imports its schemas and types.
    fs: { allow: [repoRoot] },
    // The Host header is kept (changeOrigin: false): the server refuses state-changing
    // requests whose Origin does not match the Host they were sent to.
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/matchmake': { target: backend, changeOrigin: false },
      // Colyseus opens its socket on /<processId>/<roomId>; only upgrades go to the
      // server, so ordinary page loads of the same shape (/room/123) stay with Vite.
      '^/[\\w-]+/[\\w-]+(\\?|$)': {
        target: backend,
        ws: true,
        changeOrigin: false,
        bypass: (req) => (req.headers.upgrade ? undefined : req.url),
      },
    },
  },
});
