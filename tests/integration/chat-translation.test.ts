import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * A LibreTranslate service cannot run here (it downloads language models), so the real
 * client code talks to a stand-in on loopback that answers LibreTranslate's /translate.
 */
let stub: Server;
const requests: { q: string; target: string; source: string }[] = [];
beforeAll(async () => {
  stub = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body);
      requests.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ translatedText: `[${parsed.target}] ${parsed.q}` }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => stub.close(resolve));
});

describe('chat translation (ROOM-6)', () => {
  it('without a configured translator the room says so and refuses to pretend', async () => {
    const server = await startTestServer();
    try {
      const { api } = await newOrganizer(server.url);
      const event = await createEvent(api);
      const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
      expect(host.room.state.translationAvailable).toBe(false);
      host.send('chat-language', { language: 'pl' });
      expect((await host.nextError(0)).code).toBe('translation-unavailable');
      await host.leave();
    } finally {
      await server.cleanup();
    }
  });

  it('with TRANSLATE_URL set, a participant who picks a language gets new lines translated', async () => {
    const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    const server = await startTestServer({ env: { TRANSLATE_URL: url } });
    try {
      const { api } = await newOrganizer(server.url);
      const event = await createEvent(api);
      const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
      expect(host.room.state.translationAvailable).toBe(true);
      const reader = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Reader' }));
      reader.send('chat-language', { language: 'pl' });
      host.send('chat', { text: 'Welcome everyone' });
      const translation = await eventually(() => reader.last<{ id: string; language: string; text: string }>('chat-translation'), 10_000, 'translation');
      expect(translation).toMatchObject({ language: 'pl', text: '[pl] Welcome everyone' });
      expect(translation.id).toBe(reader.chat[0]!.id);
      expect(requests.at(-1)).toMatchObject({ q: 'Welcome everyone', target: 'pl', source: 'auto' });
      expect(host.received.get('chat-translation')).toBeUndefined();
      await reader.leave();
      await host.leave();
    } finally {
      await server.cleanup();
    }
  });
});
