import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import type { PlaceMessage, TakenMessage, WaitingMessage } from '../../shared/callme-room.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { startTestServer } from '../support/test-server.ts';
import { DEFAULT_CHAT_SECONDS, estimateWaitSeconds, typicalChatSeconds } from '../../shared/callme-estimate.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('click-to-call chat queue in the package room', () => {
  let server: Server;
  let api: ApiClient;
  let pkg: PackageOut;
  const password = 'consultant password';

  beforeAll(async () => {
    server = await startTestServer();
    ({ api } = await newOrganizer(server.url));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    for (const [email, firstName] of [['ann@example.com', 'Ann'], ['bob@example.com', 'Bob']]) await api.ok('POST', '/callme/consultants', { email, firstName, lastName: 'Lee', password });
  });
  afterAll(async () => server?.cleanup());

  it('two consultants claiming the same visitor at once: exactly one gets it', async () => {
    const ann = await CallmeParticipant.consultant(server.url, pkg.id, 'ann@example.com', password);
    const bob = await CallmeParticipant.consultant(server.url, pkg.id, 'bob@example.com', password);
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    visitor.room.send('queue', {});
    const place = await visitor.waitFor<PlaceMessage>('place');
    expect(place).toMatchObject({ position: 1, waiting: 1 });
    await ann.waitFor<WaitingMessage>('waiting', (m) => m.waiting === 1);
    await bob.waitFor<WaitingMessage>('waiting', (m) => m.waiting === 1);

    ann.room.send('take', { chatId: place.chatId });
    bob.room.send('take', { chatId: place.chatId });
    await ann.waitFor<WaitingMessage>('waiting', (m) => m.waiting === 0);
    const outcome = await (async () => {
      for (let i = 0; i < 500; i++) {
        const winners = [ann, bob].filter((c) => c.last<TakenMessage>('taken')?.chatId === place.chatId);
        const losers = [ann, bob].filter((c) => c.all<{ code: string }>('error').some((e) => e.code === 'already-taken'));
        if (winners.length + losers.length === 2) return { winners, losers };
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the claims were not both answered');
    })();
    expect(outcome.winners).toHaveLength(1);
    expect(outcome.losers).toHaveLength(1);
    // The winner sees the visitor's address, operating system and browser (bowser).
    expect(outcome.winners[0]!.last<TakenMessage>('taken')!.visitor).toMatchObject({ address: expect.any(String), os: 'Windows 10', browser: 'Chrome 131.0.0.0' });
    await visitor.waitFor<{ consultant: { firstName: string } }>('started', (m) => ['Ann', 'Bob'].includes(m.consultant.firstName));
    for (const p of [ann, bob, visitor]) await p.room.leave();
  });

  it('the estimate comes from the package’s measured chats and the Available consultants', async () => {
    const fresh = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, name: 'Estimates' });
    const first = await CallmeParticipant.visitor(server.url, fresh.id);
    first.room.send('queue', {});
    // No history yet, nobody Available: half of the default chat length.
    expect((await first.waitFor<PlaceMessage>('place')).estimateSeconds).toBe(estimateWaitSeconds(1, 0, DEFAULT_CHAT_SECONDS));
    const second = await CallmeParticipant.visitor(server.url, fresh.id);
    second.room.send('queue', {});
    await second.waitFor<PlaceMessage>('place', (m) => m.position === 2 && m.estimateSeconds === estimateWaitSeconds(2, 1, DEFAULT_CHAT_SECONDS));
    // Two consultants Available: both visitors are in the first wave.
    const ann = await CallmeParticipant.consultant(server.url, fresh.id, 'ann@example.com', password);
    const bob = await CallmeParticipant.consultant(server.url, fresh.id, 'bob@example.com', password);
    for (const c of [ann, bob]) c.room.send('status', { status: 'available' });
    await second.waitFor<PlaceMessage>('place', (m) => m.estimateSeconds === estimateWaitSeconds(2, 2, DEFAULT_CHAT_SECONDS));
    // A chat measured at a few seconds (clamped to the shortest typical chat) replaces the default.
    ann.room.send('take', {});
    const taken = await ann.waitFor<TakenMessage>('taken');
    ann.room.send('close', { chatId: taken.chatId });
    await first.waitFor('closed');
    const after = await second.waitFor<PlaceMessage>('place', (m) => m.position === 1 && m.estimateSeconds !== estimateWaitSeconds(1, 2, DEFAULT_CHAT_SECONDS));
    expect(after.estimateSeconds).toBe(estimateWaitSeconds(1, 2, typicalChatSeconds([1])));
    for (const p of [ann, bob, first, second]) await p.room.leave();
  });

  it('refuses a chat line with HTML or over the limit, naming the reason', async () => {
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    visitor.room.send('queue', {});
    await visitor.waitFor('place');
    visitor.room.send('say', { body: '<script>alert(1)</script>' });
    await visitor.waitFor<{ message: string }>('error', (e) => /HTML/.test(e.message));
    visitor.room.send('say', { body: 'x'.repeat(1001) });
    await visitor.waitFor<{ message: string }>('error', (e) => /1000/.test(e.message));
    // A visitor may not act as a consultant.
    visitor.room.send('take', {});
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'consultants-only');
    visitor.room.send('leave', {});
    await visitor.waitFor('closed');
    await visitor.room.leave();
  });

  it('another account’s consultant cannot enter the package room', async () => {
    const other = await newOrganizer(server.url, 'Other');
    await other.api.ok('POST', '/callme/consultants', { email: 'eve@example.com', firstName: 'Eve', lastName: 'X', password });
    await expect(CallmeParticipant.consultant(server.url, pkg.id, 'eve@example.com', password)).rejects.toThrow(/does not open this package/);
    const stranger = await other.api.request('GET', `/callme/packages/${pkg.id}`);
    expect(stranger.status).toBe(404);
  });
});
