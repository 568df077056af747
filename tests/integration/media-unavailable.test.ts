import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinOut } from '../../shared/join-schemas.ts';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { hostStarts, type RoomParticipant } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * When the LiveKit server cannot start (here: its port is taken), our server starts all
 * the same, says why in /api/v1/health, hands out no media credentials, and the room
 * tells its clients that audio and video are unavailable instead of failing.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
let blocker: Server;
let host: RoomParticipant | undefined;

beforeAll(async () => {
  // Something else holds the port, and it does not even speak HTTP.
  blocker = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  server = await startTestServer({ env: { LIVEKIT_LOCAL: 'true', LIVEKIT_PORT: String(port), LIVEKIT_RTC_PORT: '0' } });
}, 120_000);

afterAll(async () => {
  await host?.leave();
  await server?.cleanup();
  await new Promise((resolve) => blocker?.close(resolve));
});

describe('without a working LiveKit', () => {
  it('the server runs and its health says why media is missing', async () => {
    const response = await fetch(`${server.url}/api/v1/health`);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({ status: 'degraded', database: { ok: true }, media: { state: 'unavailable', ok: false } });
    expect(health.media.reason).toMatch(/livekit-server (exited|did not answer)/);
  });

  it('joins get no media credentials, and the room says audio and video are unavailable', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const join = await api.ok<JoinOut>('POST', `/events/${event.id}/join`, {});
    expect(join.room.name).toBe('live_event');
    expect(join.media).toBeNull();
    host = await hostStarts(server.url, join);
    expect(host.room.state.media.available).toBe(false);
    const before = host.errors.length;
    host.send('camera', { on: true });
    expect((await host.nextError(before)).code).toBe('media-unavailable');
    host.send('media-credentials', {});
    expect((await host.nextError(before + 1)).code).toBe('media-unavailable');
    // The rest of the room works as usual.
    host.send('chat', { text: 'No video today, chat only.' });
    await expect.poll(() => host!.chat.some((l) => l.text === 'No video today, chat only.')).toBe(true);
  });

  it('refuses every webhook: there is no secret to check one with', async () => {
    const response = await fetch(`${server.url}/api/v1/webhooks/livekit`, { method: 'POST', headers: { authorization: 'x', 'content-type': 'application/webhook+json' }, body: '{"event":"room_started"}' });
    expect(response.status).toBe(401);
  });
});
