import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import type { CallStateMessage, PresenceMessage, RingMessage } from '../../shared/callme-room.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { waitForMail } from '../support/outbox.ts';
import { startMediaTestServer, verifyMediaToken } from '../support/media.ts';

type Server = Awaited<ReturnType<typeof startMediaTestServer>>;
const password = 'consultant password';

describe('click-to-call voice calls and chat histories in the package room', () => {
  let server: Server;
  let api: ApiClient;
  let pkg: PackageOut;

  beforeAll(async () => {
    server = await startMediaTestServer();
    ({ api } = await newOrganizer(server.url));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    for (const [email, firstName] of [['cara@example.com', 'Cara'], ['dan@example.com', 'Dan']]) await api.ok('POST', '/callme/consultants', { email, firstName, lastName: 'Nowak', password, emailChatHistory: true });
  });
  afterAll(async () => server?.cleanup());

  const statusOf = (p: CallmeParticipant, name: string) => p.last<PresenceMessage>('presence')?.consultants.find((c) => c.firstName === name)?.status;

  it('rings one tab of one consultant at a time; a rejection passes the call on; nobody left → unanswered', async () => {
    const cara = await CallmeParticipant.consultant(server.url, pkg.id, 'cara@example.com', password);
    const caraTab2 = await CallmeParticipant.consultant(server.url, pkg.id, 'cara@example.com', password);
    const dan = await CallmeParticipant.consultant(server.url, pkg.id, 'dan@example.com', password);
    for (const c of [cara, caraTab2, dan]) c.room.send('status', { status: 'available' });
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    await visitor.waitFor<PresenceMessage>('presence', (m) => m.consultants.every((c) => c.status === 'available'));

    visitor.room.send('call', {});
    await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'ringing');
    const first = await Promise.race([caraTab2.waitFor<RingMessage>('ring'), dan.waitFor<RingMessage>('ring')]);
    // Cara is rung in her newest tab only.
    const [ringing, other] = caraTab2.last('ring') ? [caraTab2, dan] : [dan, caraTab2];
    expect(cara.last('ring')).toBeUndefined();
    expect(first.visitor.browser).toMatch(/Chrome/);
    ringing.room.send('reject', { callId: first.callId });
    const second = await (other === caraTab2 ? caraTab2 : dan).waitFor<RingMessage>('ring');
    expect(second.callId).toBe(first.callId);
    (other === caraTab2 ? caraTab2 : dan).room.send('reject', { callId: first.callId });
    const unanswered = await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'unanswered');
    expect(unanswered.reason).toBe('rejected');
    // A consultant cannot answer a call that no longer rings for them.
    dan.room.send('answer', { callId: first.callId });
    await dan.waitFor<{ code: string }>('error', (e) => e.code === 'not-ringing');
    for (const p of [cara, caraTab2, dan, visitor]) await p.room.leave();
  });

  it('answering gives both sides LiveKit audio links; Busy during the call, Available after', async () => {
    const cara = await CallmeParticipant.consultant(server.url, pkg.id, 'cara@example.com', password);
    cara.room.send('status', { status: 'available' });
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    await visitor.waitFor<PresenceMessage>('presence', () => true);
    await cara.waitFor<PresenceMessage>('presence', (m) => statusOf(cara, 'Cara') === 'available' && !!m);
    visitor.room.send('call', {});
    const ring = await cara.waitFor<RingMessage>('ring');
    cara.room.send('answer', { callId: ring.callId });
    const mine = await cara.waitFor<CallStateMessage>('call', (m) => m.state === 'connected');
    const theirs = await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'connected');
    expect(theirs.consultant?.firstName).toBe('Cara');
    const claims = verifyMediaToken(theirs.media!.token, server.liveKit.apiSecret);
    expect(claims.video).toMatchObject({ room: `callme-${ring.callId}`, canSubscribe: true });
    expect(claims.video.canPublishSources).toEqual(['microphone']);
    expect(verifyMediaToken(mine.media!.token, server.liveKit.apiSecret).video.room).toBe(`callme-${ring.callId}`);
    await visitor.waitFor('presence', () => statusOf(visitor, 'Cara') === 'busy');
    // The visitor may not start a second call at once, nor end someone else's.
    visitor.room.send('call', {});
    await visitor.waitFor<{ code: string }>('error', (e) => e.code === 'call-in-progress');
    visitor.room.send('hangup', { callId: ring.callId });
    await cara.waitFor<CallStateMessage>('call', (m) => m.state === 'ended');
    await visitor.waitFor('presence', () => statusOf(visitor, 'Cara') === 'available');
    for (const p of [cara, visitor]) await p.room.leave();
  });

  it('"Ask for a call" in a chat rings that chat’s consultant; closing the chat e-mails its history', async () => {
    const cara = await CallmeParticipant.consultant(server.url, pkg.id, 'cara@example.com', password);
    const dan = await CallmeParticipant.consultant(server.url, pkg.id, 'dan@example.com', password);
    for (const c of [cara, dan]) c.room.send('status', { status: 'available' });
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    visitor.room.send('queue', {});
    await dan.waitFor<{ waiting: number }>('waiting', (m) => m.waiting === 1);
    dan.room.send('take', {});
    const started = await visitor.waitFor<{ chatId: string }>('started');
    visitor.room.send('say', { body: 'Can we talk?' });
    dan.room.send('ask-call', { chatId: started.chatId });
    await visitor.waitFor<{ kind: string }>('line', (l) => l.kind === 'call-proposal');
    await visitor.waitFor('presence', () => statusOf(visitor, 'Dan') === 'available' && statusOf(visitor, 'Cara') === 'available');
    visitor.room.send('call', { chatId: started.chatId });
    const ring = await dan.waitFor<RingMessage>('ring');
    expect(cara.last('ring')).toBeUndefined();
    dan.room.send('reject', { callId: ring.callId });
    await cara.waitFor<RingMessage>('ring');
    cara.room.send('reject', { callId: ring.callId });
    await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'unanswered');
    dan.room.send('close', { chatId: started.chatId });
    await visitor.waitFor('closed');
    const [mail] = await waitForMail(api, (m) => m.to === 'dan@example.com', 1, 'chat history mail');
    expect(mail!.subject).toBe('Chat history: Shop Ltd');
    expect(mail!.text).toContain('Visitor: Can we talk?');
    for (const p of [cara, dan, visitor]) await p.room.leave();
  });
});
