import { it } from 'vitest';
import type { JoinOut } from '../shared/join-schemas.ts';
import { createEvent, newOrganizer } from './support/api-client.ts';
import { hostStarts } from './support/room-client.ts';
import { startTestServer } from './support/test-server.ts';
it('dbg', async () => {
  const server = await startTestServer();
  const { api } = await newOrganizer(server.url);
  const event = await createEvent(api);
  const host = await hostStarts(server.url, await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {}));
  const { spawn } = await import('node:child_process');
  const out = await new Promise<string>((resolve) => { const c = spawn('node', ['wbdebug.mjs', event.presenterUrl.replace(/localhost:\d+/, server.url.replace('http://', ''))], { cwd: process.cwd() }); let o=''; c.stdout.on('data', (d) => o += d); c.stderr.on('data', (d) => o += d); c.on('exit', () => resolve(o)); });
  console.log(out);
  await host.leave();
  await server.cleanup();
}, 60000);
