import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { startTestServer } from '../support/test-server.ts';

describe('click-to-call bad input: floods from one address, other packages, forged calls', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ApiClient;
  let pkg: PackageOut;
  let other: PackageOut;

  beforeAll(async () => {
    server = await startTestServer();
    ({ api } = await newOrganizer(server.url));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    other = await (await newOrganizer(server.url, 'Other')).api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, name: 'Other shop' });
  });
  afterAll(async () => server?.cleanup());

  it('a flood of chat lines from one visitor is refused with a reason', async () => {
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    visitor.room.send('queue', {});
    await visitor.waitFor('place');
    for (let i = 0; i < 40; i++) visitor.room.send('say', { body: `line ${i}` });
    const refusal = await visitor.waitFor<{ code: string; message: string }>('error', (e) => e.code === 'rate-limited');
    expect(refusal.message).toMatch(/Too many messages/);
    await visitor.room.leave();
  });

  it('a flood of calls from one visitor is refused with a reason (without media each call is answered "no media")', async () => {
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    for (let i = 0; i < 10; i++) visitor.room.send('call', {});
    const refusal = await visitor.waitFor<{ code: string; message: string }>('error', (e) => e.code === 'rate-limited');
    expect(refusal.message).toMatch(/Too many calls/);
    expect(visitor.all<{ reason?: string }>('call').every((c) => c.reason === 'no-media')).toBe(true);
    await visitor.room.leave();
  });

  it('a visitor token of one package opens no other package, and a visitor cannot answer, reject or end others’ calls', async () => {
    const visitor = await CallmeParticipant.visitor(server.url, other.id);
    await expect(CallmeParticipant.visitor(server.url, pkg.id, visitor.token).then((p) => p.token)).resolves.not.toBe(visitor.token);
    for (const type of ['answer', 'reject']) visitor.room.send(type, { callId: 'x' });
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'consultants-only');
    visitor.room.send('hangup', { callId: 'someone-elses' });
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'not-your-call');
    visitor.room.send('call', { chatId: 'x'.repeat(65) });
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'invalid-message');
    await visitor.room.leave();
  });

  it('a flood of new visitors (chats) from one address is refused with 429 and a reason', async () => {
    const anonymous = new ApiClient(server.url);
    const answers = [];
    for (let i = 0; i < 25; i++) answers.push(await anonymous.request('POST', `/callme/public/${pkg.id}/visitor`, {}));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.body.code).toBe('rate-limited');
    expect(answers.slice(0, 15).every((a) => a.status === 200)).toBe(true);
  });

  it('outside the working hours a call or a new chat is refused with a reason (the visitor orders a call)', async () => {
    const closed = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, name: 'Closed shop', hours: { weekdays: { kind: 'closed' }, saturday: { kind: 'closed' }, sunday: { kind: 'closed' } } });
    const visitor = await CallmeParticipant.visitor(server.url, closed.id);
    visitor.room.send('call', {});
    const call = await visitor.waitFor<{ code: string; message: string }>('error', (e) => e.code === 'closed');
    expect(call.message).toMatch(/order a call/);
    visitor.clear();
    visitor.room.send('queue', {});
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'closed');
    expect(visitor.all('place')).toHaveLength(0);
    expect(visitor.all('call')).toHaveLength(0);
    await visitor.room.leave();
  });

  it('a picture sent without a length is stopped at 2 MB', async () => {
    const piece = new Uint8Array(256 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(piece);
      },
    });
    const answer = await fetch(`${server.url}/api/v1/callme/packages/${pkg.id}/logo`, { method: 'PUT', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'image/png' }, body, duplex: 'half' } as RequestInit);
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { code: string }).code).toBe('invalid-image');
  });
});
