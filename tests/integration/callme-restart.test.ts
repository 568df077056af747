import { afterAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import type { PlaceMessage } from '../../shared/callme-room.ts';
import { newOrganizer } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { startTestServer } from '../support/test-server.ts';

describe('click-to-call after a server restart', () => {
  const servers: Awaited<ReturnType<typeof startTestServer>>[] = [];
  afterAll(async () => {
    await servers.at(-1)?.cleanup();
  });

  it('a visitor queued before the restart keeps their place and their chat lines', async () => {
    const first = await startTestServer();
    servers.push(first);
    const { api } = await newOrganizer(first.url);
    const pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    const one = await CallmeParticipant.visitor(first.url, pkg.id);
    one.room.send('queue', {});
    await one.waitFor<PlaceMessage>('place', (m) => m.position === 1);
    const two = await CallmeParticipant.visitor(first.url, pkg.id);
    two.room.send('queue', {});
    await two.waitFor<PlaceMessage>('place', (m) => m.position === 2);
    two.room.send('say', { body: 'Is anybody there?' });
    await two.waitFor<{ body: string }>('line', (l) => l.body === 'Is anybody there?');
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir, env: { PORT: String(first.port) } });
    servers.push(second);
    // The same browser comes back with the token its frame kept.
    const back = await CallmeParticipant.visitor(second.url, pkg.id, two.token);
    expect(back.token).toBe(two.token);
    const history = await back.waitFor<{ lines: { body: string }[] }>('history');
    expect(history.lines.map((l) => l.body)).toEqual(['Is anybody there?']);
    const place = await back.waitFor<PlaceMessage>('place');
    expect(place).toMatchObject({ position: 2, waiting: 2 });
    await back.room.leave();
  });
});
