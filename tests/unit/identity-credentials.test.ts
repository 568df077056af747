import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { events } from '../../server/db/schema-events.ts';
import { accounts } from '../../server/db/schema-accounts.ts';
import { EventAccessStore } from '../../server/domain/event-access-store.ts';
import { deviceOf } from '../../server/domain/personal-links.ts';
import { REENTRY_TTL_SECONDS, ReentryCredentials } from '../../server/domain/reentry-credentials.ts';
import { TicketSigner } from '../../server/domain/tickets.ts';

const SECRET = 'unit-secret-that-is-long-enough-0123456789abcdef';

describe('re-entry credentials', () => {
  it('name one participant of one event and expire after their time', async () => {
    // hono's verify also checks `exp` against the real clock, so the test starts from now.
    let now = new Date();
    const credentials = new ReentryCredentials(SECRET, () => now);
    const { token, expiresAt } = await credentials.issue({ participantId: 'p1', eventId: 'e1' });
    expect(Math.abs(expiresAt.getTime() - now.getTime() - REENTRY_TTL_SECONDS * 1000)).toBeLessThan(1000);
    expect(await credentials.read(token)).toEqual({ participantId: 'p1', eventId: 'e1' });
    now = new Date(expiresAt.getTime() + 1000);
    expect(await credentials.read(token)).toBeUndefined();
  });

  it('are not room tickets, and room tickets are not re-entry credentials', async () => {
    const ticket = await new TicketSigner(SECRET).issue({ participantId: 'p1', eventId: 'e1', role: 'attendee', name: 'A' });
    expect(await new ReentryCredentials(SECRET).read(ticket.token)).toBeUndefined();
    const reentry = await new ReentryCredentials(SECRET).issue({ participantId: 'p1', eventId: 'e1' });
    expect(await new TicketSigner(SECRET).read(reentry.token)).toBeUndefined();
    expect(await new ReentryCredentials('another-secret-that-is-long-enough-000000000').read(reentry.token)).toBeUndefined();
  });
});

describe('the sealed event password', () => {
  it('reads back with the same secret, not with another, and is not stored in clear', () => {
    const handle = openDatabase(':memory:');
    const now = new Date();
    handle.db.insert(accounts).values({ id: 'a1', name: 'Acme', plan: 'trial', createdAt: now } as typeof accounts.$inferInsert).run();
    handle.db.insert(events).values({ id: 'e1', publicId: 123456789, accountId: 'a1', kind: 'webinar', name: 'E', startsAt: now, timeZone: 'UTC', durationMinutes: 60, accessType: 'password', passwordHash: 'x', presenterKey: 'k', createdAt: now, updatedAt: now }).run();
    const store = new EventAccessStore(handle.db, SECRET);
    store.setPassword('e1', 'open sesame');
    expect(store.password('e1')).toBe('open sesame');
    expect(JSON.stringify(handle.sqlite.prepare('select * from event_access_settings').all())).not.toContain('open sesame');
    expect(new EventAccessStore(handle.db, 'another-secret-that-is-long-enough-000000000').password('e1')).toBeNull();
    store.setPassword('e1', null);
    expect(store.password('e1')).toBeNull();
    expect(store.sharedPresenterLink('e1')).toBe(true);
    store.setSharedPresenterLink('e1', false);
    expect(store.sharedPresenterLink('e1')).toBe(false);
    handle.close();
  });
});

describe('where a link was used', () => {
  it('names the browser and system from the User-Agent', () => {
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome 131 · Linux');
    expect(deviceOf(undefined)).toBeNull();
  });
});
