import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { SessionOut } from '../../shared/account-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { saveCard, startBillingServer } from '../support/billing-server.ts';
import { openMessage, outbox } from '../support/outbox.ts';
import { upload } from '../support/files-client.ts';

// Sub-accounts (ACC-2, ACC-3): create → activation e-mail → password → log in; the main
// account logs into it (audited); delete removes its data from every table.
let env: Awaited<ReturnType<typeof startBillingServer>>;
let main: ApiClient;
let mainEmail: string;
let mainPassword: string;
type Sub = { id: string; name: string; status: string; deleteAt: string | null };

/** Every row in any table that points at the account or at one of its events. */
function leftovers(accountId: string, eventIds: string[]): Record<string, number> {
  const db = env.server.database.db;
  const tables = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).map((t) => t.name);
  const found: Record<string, number> = {};
  for (const table of tables) {
    const cols = db.all<{ name: string }>(sql`select name from pragma_table_info(${table})`).map((c) => c.name);
    const checks = [];
    for (const col of ['account_id', 'sub_account_id', 'parent_account_id']) if (cols.includes(col)) checks.push(sql`${sql.identifier(col)} = ${accountId}`);
    if (table === 'accounts') checks.push(sql`id = ${accountId}`);
    if (cols.includes('event_id') && eventIds.length) checks.push(sql`event_id in (${sql.join(eventIds.map((e) => sql`${e}`), sql`, `)})`);
    if (table === 'events' && eventIds.length) checks.push(sql`id in (${sql.join(eventIds.map((e) => sql`${e}`), sql`, `)})`);
    for (const check of checks) {
      const n = db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)} where ${check}`).n;
      if (n > 0) found[table] = (found[table] ?? 0) + n;
    }
  }
  return found;
}

beforeAll(async () => {
  env = await startBillingServer({ start: '2026-11-16T09:00:00+01:00' });
  const o = await newOrganizer(env.url, 'Marta Main');
  ({ api: main, email: mainEmail, password: mainPassword } = o);
  await saveCard(main, env.url, env.stripe!);
  await main.ok('POST', '/billing/commands', { type: 'subscribe', plan: 'webinar-250', interval: 'month', currency: 'PLN' });
  await main.ok('POST', '/billing/commands', { type: 'set-addon', kind: 'subAccounts', quantity: 1 });
}, 60_000);
afterAll(async () => env?.cleanup());

describe('sub-accounts', () => {
  it('create → activation e-mail → password → log in; the main account enters it (audited); delete removes it from every table', async () => {
    const created = await main.ok<Sub>('POST', '/sub-accounts', { name: 'Branch Kraków', userName: 'Kasia Branch', email: 'kasia@example.com', plan: 'webinar-100' });
    expect(created.status).toBe('invited');
    const full = await main.request('POST', '/sub-accounts', { name: 'Another', userName: 'Ann', email: 'ann@example.com', plan: 'webinar-50' });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('no-sub-account-places');

    // The activation e-mail, then the password.
    const mail = (await outbox(main)).find((m) => m.kind === 'sub-account-activation' && m.to === 'kasia@example.com')!;
    const token = /#token=([\w-]+)/.exec((await openMessage(main, mail.id)).text)![1]!;
    const kasia = new ApiClient(env.url);
    expect((await kasia.request('POST', '/auth/login', { email: 'kasia@example.com', password: 'kasia password 1' })).status).toBe(401);
    expect((await kasia.request('POST', '/sub-accounts/activate', { token, password: 'kasia password 1' })).status).toBe(204);
    expect((await kasia.request('POST', '/sub-accounts/activate', { token, password: 'another password' })).status).toBe(400);
    const session = await kasia.ok<SessionOut>('POST', '/auth/login', { email: 'kasia@example.com', password: 'kasia password 1' });
    expect(session.account).toMatchObject({ id: created.id, name: 'Branch Kraków', plan: 'webinar-100' });
    expect((await main.ok<{ subAccounts: Sub[] }>('GET', '/sub-accounts')).subAccounts[0]!.status).toBe('active');

    // Its own data: an event and an API key of its own; it cannot have sub-accounts itself.
    const event = await kasia.ok<{ id: number }>('POST', '/events', { name: 'Branch webinar', startsAt: '2031-01-10T10:00:00+01:00', timeZone: 'Europe/Warsaw', accessType: 'public' });
    const kasiaKey = new ApiClient(env.url, (await kasia.ok<{ key: string }>('POST', '/api-keys', { name: 'branch script' })).key);
    const file = await upload(kasiaKey, 'branch-notes.txt', new TextEncoder().encode('notes of the branch'));
    expect(file.status).toBe(201);
    const fileDir = join(env.dataDir, 'files', file.body.id);
    expect(existsSync(fileDir)).toBe(true);
    expect((await kasia.request('GET', '/sub-accounts')).status).toBe(403);
    expect((await main.request('GET', `/events/${event.id}`)).status).toBe(404);

    // The main account logs into it: an audit row, and the session says whom it acts as.
    const web = new ApiClient(env.url);
    await web.ok('POST', '/auth/login', { email: mainEmail, password: mainPassword });
    expect((await web.request('POST', `/sub-accounts/${created.id}/enter`)).status).toBe(204);
    expect((await web.ok<SessionOut>('GET', '/auth/me')).account.id).toBe(created.id);
    expect((await web.ok<{ actingAs: { subAccountName: string } | null }>('GET', '/sub-accounts/acting-as')).actingAs).toEqual({ subAccountName: 'Branch Kraków', parentAccountId: expect.any(String) });
    const audit = env.server.database.db.all<{ action: string }>(sql`select action from billing_sub_account_audit where sub_account_id = ${created.id}`);
    expect(audit).toEqual([{ action: 'log-in-as' }]);
    const stranger = (await newOrganizer(env.url)).api;
    expect((await stranger.request('POST', `/sub-accounts/${created.id}/enter`)).status).toBe(404);

    // Delete: the name must be typed back; then nothing of it is left anywhere.
    const eventIds = env.server.database.db.all<{ id: string }>(sql`select id from events where account_id = ${created.id}`).map((e) => e.id);
    expect(Object.keys(leftovers(created.id, eventIds)).length).toBeGreaterThan(3);
    expect((await main.request('POST', `/sub-accounts/${created.id}/delete`, { confirm: 'Branch Krakow' })).status).toBe(400);
    expect((await main.request('POST', `/sub-accounts/${created.id}/delete`, { confirm: 'Branch Kraków' })).status).toBe(204);
    expect(leftovers(created.id, eventIds)).toEqual({});
    // Its bytes too, not only its rows.
    expect(existsSync(fileDir)).toBe(false);
    expect((await kasia.request('POST', '/auth/login', { email: 'kasia@example.com', password: 'kasia password 1' })).status).toBe(401);
    expect((await web.request('GET', '/auth/me')).status).toBe(401);
  });

  it('a cancelled sub-account stays to the end of the paid period, then a job deletes it', async () => {
    const sub = await main.ok<Sub>('POST', '/sub-accounts', { name: 'Seasonal', userName: 'Sam', email: 'sam@example.com', plan: 'webinar-50' });
    const cancelled = await main.ok<Sub>('POST', `/sub-accounts/${sub.id}/cancel`);
    expect(cancelled.status).toBe('cancelling');
    // The main account's period ends at midnight in its zone (Warsaw): 16 December 00:00 there.
    expect(cancelled.deleteAt).toBe('2026-12-15T23:00:00.000Z');
    env.clock.set('2026-12-15T12:00:00+01:00');
    await env.server.billing.runDue();
    expect((await main.ok<{ subAccounts: Sub[] }>('GET', '/sub-accounts')).subAccounts.map((s) => s.id)).toContain(sub.id);
    env.clock.set('2026-12-16T02:00:00+01:00');
    await env.server.billing.runDue();
    expect((await main.ok<{ subAccounts: Sub[] }>('GET', '/sub-accounts')).subAccounts).toEqual([]);
    expect(leftovers(sub.id, [])).toEqual({});
  });

  it('the server decides the package: never above the main account\'s plan; a change applies at once; a suspended main account suspends its sub-accounts', async () => {
    const body = { name: 'Branch Gdańsk', userName: 'Gosia', email: 'gosia@example.com' };
    for (const plan of ['self-hosted', 'webinar-500', 'webinar-1000']) {
      const r = await main.request('POST', '/sub-accounts', { ...body, plan });
      expect(r.status, plan).toBe(409);
      expect(r.body.code).toBe('package-too-big');
    }
    expect(env.server.database.db.all(sql`select id from accounts where name = 'Branch Gdańsk'`)).toEqual([]);
    const sub = await main.ok<Sub>('POST', '/sub-accounts', { ...body, plan: 'webinar-50' });
    const token = /#token=([\w-]+)/.exec((await openMessage(main, (await outbox(main)).find((m) => m.kind === 'sub-account-activation' && m.to === 'gosia@example.com')!.id)).text)![1]!;
    const gosia = new ApiClient(env.url);
    await gosia.ok('POST', '/sub-accounts/activate', { token, password: 'gosia password 1' });
    await gosia.ok('POST', '/auth/login', { email: 'gosia@example.com', password: 'gosia password 1' });
    const limits = async () => (await gosia.ok<SessionOut>('GET', '/auth/me')).account.limits;
    // Billing has seen the sub-account (its plan page): a new package must still reach `limitsFor`.
    expect((await gosia.ok<{ plan: string }>('GET', '/billing')).plan).toBe('webinar-50');
    expect((await limits()).maxAttendees).toBe(50);
    expect((await main.request('PUT', `/sub-accounts/${sub.id}/plan`, { plan: 'self-hosted' })).body.code).toBe('package-too-big');
    expect((await main.request('PUT', `/sub-accounts/${sub.id}/plan`, { plan: 'webinar-250' })).status).toBe(204);
    expect((await limits()).maxAttendees).toBe(250);
    expect((await gosia.ok<{ plan: string }>('GET', '/billing')).plan).toBe('webinar-250');

    // Its own files: the main account does not see them.
    const gosiaKey = new ApiClient(env.url, (await gosia.ok<{ key: string }>('POST', '/api-keys', { name: 'uploads' })).key);
    const file = await upload(gosiaKey, 'branch.txt', new TextEncoder().encode('branch notes'));
    expect(file.status).toBe(201);
    expect((await main.ok<{ files: { id: string }[] }>('GET', '/files')).files.map((f) => f.id)).not.toContain(file.body.id);

    // The main account suspended: the sub-account runs nothing either, and no new sub-account is made; back with the main one.
    await main.ok('POST', '/billing/commands', { type: 'suspend' });
    expect(await limits()).toMatchObject({ maxAttendees: 0, parallelEvents: 0, storageMegabytes: 0 });
    expect((await main.request('POST', '/sub-accounts', { name: 'Other', userName: 'Olo', email: 'olo@example.com', plan: 'webinar-50' })).body.code).toBe('account-inactive');
    await main.ok('POST', '/billing/commands', { type: 'resume' });
    expect(await limits()).toMatchObject({ maxAttendees: 250, parallelEvents: 1 });
  });
});
