import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { slideInkPage } from '../../shared/presentation-schemas.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { makePdf, makePng } from '../support/file-fixtures.ts';
import { uploadReady } from '../support/files-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const slides = (p: RoomParticipant) => p.room.state.presentation as { fileId: string; page: number; pageCount: number; title: string; inkPage: string; linkBase: string } | undefined;

describe('slides on the stage (ROOM-12): the presentation desk', () => {
  let server: Server;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    ({ api } = await newOrganizer(server.url));
  }, 60_000);
  afterAll(async () => server?.cleanup());

  it('presenters open, turn and close a presentation; attendees and bad requests are refused with a reason', async () => {
    const deck = await uploadReady(api, 'Roadmap.pdf', makePdf(3));
    const picture = await uploadReady(api, 'logo.png', makePng());
    const { api: stranger } = await newOrganizer(server.url, 'Somebody Else');
    const foreign = await uploadReady(stranger, 'theirs.pdf', makePdf(1));
    const event = await createEvent(api, { accessType: 'password', password: 'pw' });
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const attendee = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Ada', password: 'pw' }));
    const refusedWith = async (who: RoomParticipant, type: string, message: unknown) => {
      const before = who.errors.length;
      who.send(type, message);
      return (await who.nextError(before)).code;
    };

    expect(await refusedWith(attendee, 'presentation-open', { fileId: deck.id })).toBe('not-allowed');
    expect(attendee.errors.at(-1)!.message).toContain('may not show slides');
    expect(await refusedWith(host, 'set-main-view', { view: 'slides' })).toBe('no-presentation');
    expect(await refusedWith(host, 'presentation-page', { page: 2 })).toBe('no-presentation');
    expect(await refusedWith(host, 'presentation-open', { fileId: picture.id })).toBe('not-a-presentation');
    expect(await refusedWith(host, 'presentation-open', { fileId: foreign.id })).toBe('not-found');
    expect(await refusedWith(host, 'presentation-open', { fileId: '../../etc/passwd' })).toBe('invalid-message');
    expect(slides(host)).toBeUndefined();

    host.send('presentation-open', { fileId: deck.id });
    const shown = await eventually(() => slides(attendee), 10_000, 'the presentation on the attendee\'s stage');
    expect(shown).toMatchObject({ fileId: deck.id, title: 'Roadmap.pdf', page: 1, pageCount: 3, inkPage: slideInkPage(deck.id, 1) });
    expect(attendee.room.state.mainView).toBe('slides');

    expect(await refusedWith(host, 'presentation-page', { page: 4 })).toBe('page-out-of-range');
    expect(await refusedWith(host, 'presentation-page', { page: 0 })).toBe('invalid-message');
    expect(await refusedWith(attendee, 'presentation-page', { page: 2 })).toBe('not-allowed');
    host.send('presentation-page', { page: 2 });
    await eventually(() => slides(attendee)?.page === 2, 10_000, 'page 2 for the attendee');
    expect(slides(attendee)!.inkPage).toBe(slideInkPage(deck.id, 2));

    // The signed link opens the page without a login, and only that file's pages.
    const page = await fetch(`${server.url}/api/v1${slides(attendee)!.linkBase}/pages/2`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('image/jpeg');
    const forged = slides(attendee)!.linkBase.replace(deck.id, foreign.id);
    expect((await fetch(`${server.url}/api/v1${forged}/pages/1`)).status).toBe(403);

    // REST: the same stage, and the open room follows a change made there at once.
    expect(await api.ok<any>('GET', `/events/${event.id}/stage/presentation`)).toMatchObject({ presentation: { fileId: deck.id, page: 2, pageCount: 3 } });
    expect(await api.ok<any>('PUT', `/events/${event.id}/stage/presentation/page`, { page: 3 })).toMatchObject({ page: 3 });
    await eventually(() => slides(attendee)?.page === 3, 10_000, 'page 3 set over REST');
    const tooFar = await api.request('PUT', `/events/${event.id}/stage/presentation/page`, { page: 9 });
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.code).toBe('page-out-of-range');
    expect((await stranger.request('GET', `/events/${event.id}/stage/presentation`)).status).toBe(404);

    expect(await refusedWith(attendee, 'presentation-close', {})).toBe('not-allowed');
    host.send('presentation-close', {});
    await eventually(() => slides(attendee) === undefined && attendee.room.state.mainView === 'video', 10_000, 'the slides taken off the stage');
    expect(await api.ok<any>('GET', `/events/${event.id}/stage/presentation`)).toEqual({ presentation: null });
    expect((await api.request('DELETE', `/events/${event.id}/stage/presentation`)).status).toBe(409);

    expect(await api.ok<any>('PUT', `/events/${event.id}/stage/presentation`, { fileId: deck.id, page: 2 })).toMatchObject({ fileId: deck.id, page: 2 });
    await eventually(() => slides(attendee)?.page === 2 && attendee.room.state.mainView === 'slides', 10_000, 'opened over REST');
    expect((await api.request('PUT', `/events/${event.id}/stage/presentation`, { fileId: picture.id })).status).toBe(422);

    await attendee.leave();
    await host.leave();
  }, 120_000);

  it('the stage\'s presentation routes are in the OpenAPI document', async () => {
    const doc = await new ApiClient(server.url).ok<any>('GET', '/openapi.json');
    expect(Object.keys(doc.paths['/api/v1/events/{id}/stage/presentation'] ?? doc.paths['/events/{id}/stage/presentation'] ?? {})).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
  });
});

describe('slides on the stage across a restart', () => {
  let dataDir: string | undefined;
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a restarted server and a late joiner show the page the presenter left on', async () => {
    const first = await startTestServer();
    dataDir = first.dataDir;
    const { api } = await newOrganizer(first.url);
    const deck = await uploadReady(api, 'Deck.pdf', makePdf(4));
    const event = await createEvent(api, { accessType: 'password', password: 'pw' });
    const host = await hostStarts(first.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    host.send('presentation-open', { fileId: deck.id });
    await eventually(() => slides(host)?.page === 1, 10_000, 'the deck on the stage');
    host.send('presentation-page', { page: 2 });
    await eventually(() => slides(host)?.page === 2, 10_000, 'page 2');
    await first.stop();

    const second = await startTestServer({ dataDir, env: { PORT: String(first.port) } });
    try {
      const late = await RoomParticipant.enter(second.url, await joinEvent(second.url, event.id, { name: 'Late', password: 'pw' }));
      const shown = await eventually(() => slides(late), 10_000, 'the presentation after the restart');
      expect(shown).toMatchObject({ fileId: deck.id, page: 2, pageCount: 4 });
      expect(late.room.state.mainView).toBe('slides');
      expect((await fetch(`${second.url}/api/v1${shown.linkBase}/pages/2`)).status).toBe(200);
      await late.leave();
    } finally {
      await second.stop();
    }
  }, 120_000);
});
