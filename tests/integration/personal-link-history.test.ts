import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenOut } from '../../shared/event-schemas.ts';
import type { LinkUsesOut } from '../../shared/personal-link-schemas.ts';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 10: a personal link switched between single-use and reusable after creation, and its whole history of uses, paged. */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.cleanup();
});

const stateOf = async (eventId: number, token: string) => (await new ApiClient(server.url).ok<{ state: string }>('POST', `/events/${eventId}/personal-link`, { token })).state;

describe('personal links after creation', () => {
  it('shows every use of a link a page at a time, newest first, not only the latest ten', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const [link] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: false })).tokens;
    const entries = 13;
    for (let i = 0; i < entries; i++) await joinEvent(server.url, event.id, { name: `Guest ${i}`, token: link!.token });

    const listed = (await api.ok<{ tokens: TokenOut[] }>('GET', `/events/${event.id}/tokens`)).tokens.find((t) => t.id === link!.id)!;
    expect(listed.useCount).toBe(entries);
    expect(listed.uses).toHaveLength(10);

    const seen: LinkUsesOut['uses'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: LinkUsesOut = await api.ok<LinkUsesOut>('GET', `/events/${event.id}/tokens/${link!.id}/uses?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.total).toBe(entries);
      expect(page.uses.length).toBeLessThanOrEqual(5);
      seen.push(...page.uses);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(entries);
    const times = seen.map((u) => Date.parse(u.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen[0]).toEqual(listed.uses[0]);

    // Bad paging input is refused by name; another account sees nothing.
    const bad = await api.request('GET', `/events/${event.id}/tokens/${link!.id}/uses?cursor=../../etc`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cursor');
    expect((await api.request('GET', `/events/${event.id}/tokens/${link!.id}/uses?limit=500`)).status).toBe(400);
    const stranger = (await newOrganizer(server.url)).api;
    expect((await stranger.request('GET', `/events/${event.id}/tokens/${link!.id}/uses`)).status).toBe(404);
    expect((await api.request('GET', `/events/${event.id}/tokens/nope/uses`)).status).toBe(404);
  });

  it('switches a link between single-use and reusable: a used link closes at once as single-use and opens again as reusable', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api);
    const [link] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: false })).tokens;
    await joinEvent(server.url, event.id, { name: 'First', token: link!.token });
    await joinEvent(server.url, event.id, { name: 'Second', token: link!.token });

    const single = await api.ok<TokenOut>('PATCH', `/events/${event.id}/tokens/${link!.id}`, { singleUse: true });
    expect(single).toMatchObject({ id: link!.id, singleUse: true, useCount: 2 });
    expect(await stateOf(event.id, link!.token)).toBe('used');
    expect((await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Third', token: link!.token })).body.code).toBe('token-used');

    const reusable = await api.ok<TokenOut>('PATCH', `/events/${event.id}/tokens/${link!.id}`, { singleUse: false });
    expect(reusable.singleUse).toBe(false);
    expect(await stateOf(event.id, link!.token)).toBe('valid');
    // The link carries its person (issue 10): whoever enters with it is the link's participant again.
    expect((await new ApiClient(server.url).request('POST', `/events/${event.id}/join`, { name: 'Third', token: link!.token })).status).toBe(200);

    // A fresh single-use link made reusable, then single-use again before anyone used it, still lets one person in.
    const [fresh] = (await api.ok<{ tokens: TokenOut[] }>('POST', `/events/${event.id}/tokens`, { count: 1, singleUse: true })).tokens;
    await api.ok('PATCH', `/events/${event.id}/tokens/${fresh!.id}`, { singleUse: false });
    await api.ok('PATCH', `/events/${event.id}/tokens/${fresh!.id}`, { singleUse: true });
    expect(await stateOf(event.id, fresh!.token)).toBe('valid');

    // Revoked stays revoked; bad bodies and strangers are refused.
    await api.ok('DELETE', `/events/${event.id}/tokens/${link!.id}`);
    const revoked = await api.request('PATCH', `/events/${event.id}/tokens/${link!.id}`, { singleUse: false });
    expect(revoked.status).toBe(409);
    expect(revoked.body.code).toBe('token-revoked');
    expect(await stateOf(event.id, link!.token)).toBe('revoked');
    const invalid = await api.request('PATCH', `/events/${event.id}/tokens/${fresh!.id}`, { singleUse: 'yes' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('singleUse');
    const stranger = (await newOrganizer(server.url)).api;
    expect((await stranger.request('PATCH', `/events/${event.id}/tokens/${fresh!.id}`, { singleUse: false })).status).toBe(404);
  });
});
