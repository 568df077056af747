import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallmeStatus } from '../../shared/callme-connection.ts';
import type { PackageOut } from '../../shared/callme-schemas.ts';
import type { ChatLine } from '../../server/callme/chat-queue-store.ts';
import type { PlaceMessage, TakenMessage, WaitingMessage } from '../../shared/callme-room.ts';
import { newOrganizer } from '../support/api-client.ts';
import { CallmeParticipant, PACKAGE } from '../support/callme-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * The visitor's frame and the consultant app get back in by themselves (CALL-6, CALL-7):
 * after a dropped socket with Colyseus's reconnection token (same session), and after a
 * killed and restarted server with a fresh join (the visitor's same token, a consultant's
 * fresh ticket). Nobody loses their place in the queue or a line of the conversation.
 */

const password = 'consultant password';
const people: CallmeParticipant[] = [];
const statuses = (p: CallmeParticipant) => {
  const seen: CallmeStatus[] = [];
  p.connection.onStatus((s) => seen.push(s));
  return seen;
};
const bodies = (lines: ChatLine[] | undefined) => (lines ?? []).map((l) => l.body);

afterAll(async () => {
  for (const p of people) await p.connection.leave();
});

describe('click-to-call connections that drop', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  afterAll(async () => server?.cleanup());

  it('a dropped socket comes back in the same session, with the place, the chat and the lines sent meanwhile', async () => {
    server = await startTestServer();
    const { api } = await newOrganizer(server.url);
    const pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    await api.ok('POST', '/callme/consultants', { email: 'ola@example.com', firstName: 'Ola', lastName: 'Nowak', password });
    const ola = await CallmeParticipant.consultant(server.url, pkg.id, 'ola@example.com', password);
    const first = await CallmeParticipant.visitor(server.url, pkg.id);
    const second = await CallmeParticipant.visitor(server.url, pkg.id);
    people.push(ola, first, second);
    first.room.send('queue', {});
    await first.waitFor<PlaceMessage>('place', (m) => m.position === 1);
    second.room.send('queue', {});
    await second.waitFor<PlaceMessage>('place', (m) => m.position === 2);

    // The waiting visitor's socket drops: same session back, same place.
    const secondSeen = statuses(second);
    const session = second.room.sessionId;
    second.clear();
    second.connection.dropSocket();
    await second.waitFor<PlaceMessage>('place', (m) => m.position === 2);
    await second.waitForStatus('open');
    expect(secondSeen).toContain('reconnecting');
    expect(second.room.sessionId).toBe(session);
    expect(second.connection.opens).toBe(2);

    // The first visitor is taken; their socket drops while the consultant writes.
    ola.room.send('take', {});
    const taken = await ola.waitFor<TakenMessage>('taken');
    await first.waitFor('started');
    first.room.send('say', { body: 'Hello, I have a question.' });
    await ola.waitFor<ChatLine>('line', (l) => l.body === 'Hello, I have a question.');
    first.clear();
    first.connection.dropSocket();
    ola.room.send('reply', { chatId: taken.chatId, body: 'Sure, go ahead.' });
    const history = await first.waitFor<{ lines: ChatLine[] }>('history', (m) => bodies(m.lines).includes('Sure, go ahead.'));
    expect(bodies(history.lines)).toEqual(['Hello, I have a question.', 'Sure, go ahead.']);
    await first.waitFor<{ consultant: { firstName: string } }>('started', (m) => m.consultant.firstName === 'Ola');
    await first.waitForStatus('open');

    // The consultant's socket drops: their chat window and the queue come back.
    const olaSeen = statuses(ola);
    ola.clear();
    ola.connection.dropSocket();
    const back = await ola.waitFor<TakenMessage>('taken', (m) => m.chatId === taken.chatId);
    expect(bodies(back.lines as ChatLine[])).toEqual(['Hello, I have a question.', 'Sure, go ahead.']);
    await ola.waitFor<WaitingMessage>('waiting', (m) => m.waiting === 1);
    await ola.waitForStatus('open');
    expect(olaSeen).toContain('reconnecting');
    // The conversation goes on over the new socket.
    ola.room.send('reply', { chatId: taken.chatId, body: 'Still here.' });
    await first.waitFor<ChatLine>('line', (l) => l.body === 'Still here.');
  }, 120_000);
});

describe('click-to-call across a killed and restarted server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'callme-restart-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    for (const p of people) await p.connection.leave();
    if (child) await kill(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('visitors and the consultant get back in by themselves, with their places, chats and lines', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startServerProcess(port, dataDir);
    const { api } = await newOrganizer(base);
    const pkg = await api.ok<PackageOut>('POST', '/callme/packages', PACKAGE);
    await api.ok('POST', '/callme/consultants', { email: 'piotr@example.com', firstName: 'Piotr', lastName: 'Lis', password });
    const piotr = await CallmeParticipant.consultant(base, pkg.id, 'piotr@example.com', password);
    const [inChat, waitingOne, waitingTwo] = [await CallmeParticipant.visitor(base, pkg.id), await CallmeParticipant.visitor(base, pkg.id), await CallmeParticipant.visitor(base, pkg.id)];
    people.push(piotr, inChat, waitingOne, waitingTwo);
    for (const [i, v] of [inChat, waitingOne, waitingTwo].entries()) {
      v.room.send('queue', {});
      await v.waitFor<PlaceMessage>('place', (m) => m.position === i + 1);
    }
    piotr.room.send('take', {});
    const taken = await piotr.waitFor<TakenMessage>('taken');
    await inChat.waitFor('started');
    piotr.room.send('reply', { chatId: taken.chatId, body: 'Good morning!' });
    await inChat.waitFor<ChatLine>('line', (l) => l.body === 'Good morning!');
    waitingTwo.room.send('say', { body: 'I am still waiting.' });
    await waitingTwo.waitFor<ChatLine>('line', (l) => l.body === 'I am still waiting.');
    await waitingTwo.waitFor<PlaceMessage>('place', (m) => m.position === 2);

    const seen = [piotr, inChat, waitingOne, waitingTwo].map(statuses);
    for (const p of [piotr, inChat, waitingOne, waitingTwo]) p.clear();
    await kill(child, 'SIGKILL');
    await Promise.all([piotr, inChat, waitingOne, waitingTwo].map((p) => p.waitForStatus('reconnecting', 30_000)));
    child = await startServerProcess(port, dataDir);

    // Everyone is back without doing anything, through a fresh join (the room was rebuilt from SQLite).
    await Promise.all([piotr, inChat, waitingOne, waitingTwo].map((p) => p.waitForStatus('open', 90_000)));
    for (const s of seen) expect(s).toContain('reconnecting');
    expect(waitingTwo.connection.opens).toBe(2);
    expect(await waitingTwo.waitFor<PlaceMessage>('place', (m) => m.position === 2)).toMatchObject({ position: 2, waiting: 2 });
    expect(bodies((await waitingTwo.waitFor<{ lines: ChatLine[] }>('history')).lines)).toEqual(['I am still waiting.']);
    await waitingOne.waitFor<PlaceMessage>('place', (m) => m.position === 1);
    expect(bodies((await inChat.waitFor<{ lines: ChatLine[] }>('history')).lines)).toEqual(['Good morning!']);
    await inChat.waitFor<{ consultant: { firstName: string } }>('started', (m) => m.consultant.firstName === 'Piotr');
    const back = await piotr.waitFor<TakenMessage>('taken', (m) => m.chatId === taken.chatId);
    expect(bodies(back.lines as ChatLine[])).toEqual(['Good morning!']);
    await piotr.waitFor<WaitingMessage>('waiting', (m) => m.waiting === 2);

    // The conversation goes on, and the next visitor is still first in line.
    inChat.room.send('say', { body: 'Back again.' });
    await piotr.waitFor<ChatLine>('line', (l) => l.body === 'Back again.');
    piotr.room.send('take', {});
    const next = await piotr.waitFor<TakenMessage>('taken', (m) => m.chatId !== taken.chatId);
    expect(next.chatId).toBe((await waitingOne.waitFor<{ chatId: string }>('started')).chatId);
    await waitingTwo.waitFor<PlaceMessage>('place', (m) => m.position === 1);
  }, 240_000);
});
