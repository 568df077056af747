import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackOut, ChatHistoryOut, PackageOut } from '../../shared/callme-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { startTestServer } from '../support/test-server.ts';

/** The REST side of what visitors leave behind: chat histories and ordered calls, for the package's own account only. */
describe('click-to-call REST: chat histories and callbacks', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ApiClient;
  let stranger: ApiClient;
  let pkg: PackageOut;

  beforeAll(async () => {
    server = await startTestServer();
    ({ api } = await newOrganizer(server.url));
    ({ api: stranger } = await newOrganizer(server.url, 'Stranger'));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    await api.ok('POST', '/callme/consultants', { email: 'kasia@example.com', firstName: 'Kasia', lastName: 'Nowak', password: 'consultant password' });
  });
  afterAll(async () => server?.cleanup());

  it('lists a closed chat with its lines in order; another account gets 404', async () => {
    const kasia = await CallmeParticipant.consultant(server.url, pkg.id, 'kasia@example.com', 'consultant password');
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    visitor.room.send('queue', {});
    await kasia.waitFor<{ waiting: number }>('waiting', (m) => m.waiting === 1);
    kasia.room.send('take', {});
    const started = await visitor.waitFor<{ chatId: string }>('started');
    visitor.room.send('say', { body: 'Is it in stock?' });
    await kasia.waitFor<{ body: string }>('line', (l) => l.body === 'Is it in stock?');
    kasia.room.send('reply', { chatId: started.chatId, body: 'Yes, two left.' });
    await visitor.waitFor<{ body: string }>('line', (l) => l.body === 'Yes, two left.');
    kasia.room.send('close', { chatId: started.chatId });
    await visitor.waitFor('closed');

    const { chats } = await api.ok<{ chats: ChatHistoryOut[] }>('GET', `/callme/packages/${pkg.id}/chats`);
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ id: started.chatId, state: 'closed', closedAt: expect.any(String) });
    expect(chats[0]!.messages.map((m) => [m.author, m.body])).toEqual([['visitor', 'Is it in stock?'], ['consultant', 'Yes, two left.']]);
    const foreign = await stranger.request('GET', `/callme/packages/${pkg.id}/chats`);
    expect(foreign.status).toBe(404);
    expect((await new ApiClient(server.url).request('GET', `/callme/packages/${pkg.id}/chats`)).status).toBe(401);
    for (const p of [kasia, visitor]) await p.room.leave();
  });

  it('marks an ordered call as done; another account can neither list nor mark it', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
    const order = await new ApiClient(server.url).ok<CallbackOut>('POST', `/callme/public/${pkg.id}/callbacks`, { phone: '+48 600 100 200', email: 'v@example.com', date: tomorrow, time: '12:00' });
    expect(order.done).toBe(false);
    expect((await stranger.request('GET', `/callme/packages/${pkg.id}/callbacks`)).status).toBe(404);
    expect((await stranger.request('POST', `/callme/packages/${pkg.id}/callbacks/${order.id}/done`)).status).toBe(404);
    const done = await api.ok<CallbackOut>('POST', `/callme/packages/${pkg.id}/callbacks/${order.id}/done`);
    expect(done).toMatchObject({ id: order.id, done: true });
    expect((await api.ok<{ callbacks: CallbackOut[] }>('GET', `/callme/packages/${pkg.id}/callbacks`)).callbacks.map((c) => c.done)).toEqual([true]);
    expect((await api.request('POST', `/callme/packages/${pkg.id}/callbacks/nosuchcallback/done`)).status).toBe(404);
    const doc = await new ApiClient(server.url).ok<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    for (const path of ['/callme/packages/{id}/callbacks', '/callme/packages/{id}/callbacks/{sub}/done', '/callme/consultants/{id}', '/callme/consultant/packages/{id}/callbacks']) expect(Object.keys(doc.paths)).toContain(path);
  });
});
