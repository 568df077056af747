import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

let dataDir: string | undefined;
afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('restarting the server', () => {
  it('keeps the chat history of the event for the next joiner', async () => {
    const first = await startTestServer();
    dataDir = first.dataDir;
    const { api } = await newOrganizer(first.url);
    const event = await createEvent(api, { accessType: 'password', password: 'pw' });
    await hostStarts(first.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const speaker = await RoomParticipant.enter(first.url, await joinEvent(first.url, event.id, { name: 'Speaker', password: 'pw' }));
    speaker.send('chat', { text: 'Said before the restart' });
    speaker.send('chat', { text: 'And a second line' });
    await eventually(() => speaker.chat.length === 2, 10_000, 'both lines echoed');
    await first.stop();

    // Same data folder and same port: what a restarted process looks like to its users.
    const second = await startTestServer({ dataDir, env: { PORT: String(first.port) } });
    try {
      const late = await RoomParticipant.enter(second.url, await joinEvent(second.url, event.id, { name: 'Late', password: 'pw' }));
      const history = await eventually(() => late.history, 10_000, 'history after restart');
      expect(history.map((l) => [l.name, l.text])).toEqual([['Speaker', 'Said before the restart'], ['Speaker', 'And a second line']]);
      // The API key and the account survived too.
      expect((await api.request('GET', `/events/${event.id}`)).status).toBe(200);
      await late.leave();
    } finally {
      await second.stop();
    }
  });
});
