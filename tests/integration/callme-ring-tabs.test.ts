import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import type { CallStateMessage, PresenceMessage, RingMessage } from '../../shared/callme-room.ts';
import { newOrganizer, type ApiClient } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { startMediaTestServer } from '../support/media.ts';

type Server = Awaited<ReturnType<typeof startMediaTestServer>>;
const password = 'consultant password';

/**
 * "Only one tab rings" also when the consultant opens or closes tabs while it rings, and
 * "Busy during a call" holds: by hand they cannot become Available in a call, no second
 * call rings them, and every package of the account shows them Busy.
 */
describe('click-to-call: the ringing tab and Busy during a call', () => {
  let server: Server;
  let api: ApiClient;
  let pkg: PackageOut;
  let other: PackageOut;

  beforeAll(async () => {
    server = await startMediaTestServer();
    ({ api } = await newOrganizer(server.url));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    other = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, name: 'Other shop' });
    await api.ok('POST', '/callme/consultants', { email: 'ola@example.com', firstName: 'Ola', lastName: 'Nowak', password });
  });
  afterAll(async () => server?.cleanup());

  const statusOf = (p: CallmeParticipant) => p.last<PresenceMessage>('presence')?.consultants.find((c) => c.firstName === 'Ola')?.status;

  it('a tab opened while a call rings stays quiet; closing the ringing tab moves the ring to the one left', async () => {
    const tab1 = await CallmeParticipant.consultant(server.url, pkg.id, 'ola@example.com', password);
    tab1.room.send('status', { status: 'available' });
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor) === 'available');
    visitor.room.send('call', {});
    const ring = await tab1.waitFor<RingMessage>('ring');

    const tab2 = await CallmeParticipant.consultant(server.url, pkg.id, 'ola@example.com', password);
    // The new tab has had everything a joining tab gets (presence comes after the call is given back).
    await tab2.waitFor<PresenceMessage>('presence');
    tab2.room.send('status', { status: 'available' });
    await tab2.waitFor<PresenceMessage>('presence', () => statusOf(tab2) === 'available');
    expect(tab2.all('ring')).toHaveLength(0);

    await tab1.room.leave();
    const moved = await tab2.waitFor<RingMessage>('ring');
    expect(moved.callId).toBe(ring.callId);
    tab2.room.send('answer', { callId: ring.callId });
    await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'connected');
    visitor.room.send('hangup', { callId: ring.callId });
    await tab2.waitFor<CallStateMessage>('call', (m) => m.state === 'ended');
    for (const p of [tab2, visitor]) await p.room.leave();
  });

  it('in a call the consultant stays Busy: Available by hand is refused, no second call rings, the other package shows Busy', async () => {
    const ola = await CallmeParticipant.consultant(server.url, pkg.id, 'ola@example.com', password);
    const olaThere = await CallmeParticipant.consultant(server.url, other.id, 'ola@example.com', password);
    ola.room.send('status', { status: 'available' });
    const visitor = await CallmeParticipant.visitor(server.url, pkg.id);
    const elsewhere = await CallmeParticipant.visitor(server.url, other.id);
    await visitor.waitFor<PresenceMessage>('presence', () => statusOf(visitor) === 'available');
    await elsewhere.waitFor<PresenceMessage>('presence', () => statusOf(elsewhere) === 'available');

    visitor.room.send('call', {});
    const ring = await ola.waitFor<RingMessage>('ring');
    ola.room.send('answer', { callId: ring.callId });
    await visitor.waitFor<CallStateMessage>('call', (m) => m.state === 'connected');
    // The other package's page sees her Busy too, without anything happening in that room.
    await elsewhere.waitFor<PresenceMessage>('presence', () => statusOf(elsewhere) === 'busy');

    ola.clear();
    ola.room.send('status', { status: 'available' });
    const refused = await ola.waitFor<{ code: string; message: string }>('error');
    expect(refused).toMatchObject({ code: 'in-call', message: expect.stringMatching(/Busy/) });
    expect(statusOf(ola)).toBe('busy');

    // A call on the other package does not ring her in her call: nobody is there to answer.
    elsewhere.room.send('call', {});
    const second = await elsewhere.waitFor<CallStateMessage>('call', (m) => m.state === 'unanswered');
    expect(second.reason).toBe('nobody-available');
    expect(olaThere.all('ring')).toHaveLength(0);

    visitor.room.send('hangup', { callId: ring.callId });
    await ola.waitFor<CallStateMessage>('call', (m) => m.state === 'ended');
    await elsewhere.waitFor<PresenceMessage>('presence', () => statusOf(elsewhere) === 'available');
    for (const p of [ola, olaThere, visitor, elsewhere]) await p.room.leave();
  });
});
