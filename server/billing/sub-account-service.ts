import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts, sessions, users } from '../db/schema-accounts.ts';
import { billingSubAccountAudit, billingSubAccounts } from '../db/schema-billing.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, forbidden, notFound } from '../domain/app-error.ts';
import { hashPassword } from '../domain/passwords.ts';
import { newId, randomToken, sha256 } from '../domain/secrets.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { escapeHtml } from '../mail/templates/layout.ts';
import { PLANS, isPaidPlan, limitsFor, type PlanId } from '../../shared/plans.ts';
import type { BillingState } from '../../shared/billing/engine.ts';
import { startOfDay } from '../../shared/billing/calendar.ts';
import { billingAccounts } from '../db/schema-billing.ts';
import { subjectOfState } from './account-limits.ts';
import type { BillingJobs, BillingTx } from './billing-jobs.ts';
import type { BillingStore } from './billing-store.ts';

/** A main account's visit to a sub-account lasts a working day at most. */
const ACTING_HOURS = 8;

export interface SubAccountOut { id: string; name: string; email: string; userName: string; plan: string; status: string; deleteAt: string | null; createdAt: string }

/**
 * Sub-accounts (ACC-2, ACC-3). Each is a whole account of its own, so its files,
 * recordings and data stay apart; the main account buys the places (the sub-accounts
 * add-on), creates, enters (audited), re-packages, cancels or deletes them.
 */
export class SubAccountService {
  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly jobs: BillingJobs,
    private readonly mail: MailQueue,
    private readonly baseUrl: () => string,
    private readonly now: () => Date,
    /** Sessions are checked by the accounts service on its own (wall) clock, not billing's. */
    private readonly sessionNow: () => Date = () => new Date(),
    /** Removes the bytes on disk of a purged account's files and recordings (their rows are gone by then). */
    private readonly removeStored: (stored: { fileIds: string[]; recordingIds: string[] }) => void = () => undefined,
  ) {}

  list(caller: Caller): SubAccountOut[] {
    this.notSub(caller);
    return this.db.select({ sub: billingSubAccounts, name: accounts.name, plan: accounts.plan, email: users.email, userName: users.name })
      .from(billingSubAccounts).innerJoin(accounts, eq(accounts.id, billingSubAccounts.accountId)).innerJoin(users, eq(users.accountId, billingSubAccounts.accountId))
      .where(eq(billingSubAccounts.parentAccountId, caller.accountId)).all()
      .map((r) => ({ id: r.sub.accountId, name: r.name, email: r.email, userName: r.userName, plan: r.plan, status: r.sub.status, deleteAt: r.sub.deleteAt?.toISOString() ?? null, createdAt: r.sub.createdAt.toISOString() }));
  }

  /** Create → activation e-mail → the invitee sets a password → active. Only as many as the account has bought. */
  create(caller: Caller, body: { name: string; userName: string; email: string; plan: PlanId }): SubAccountOut {
    this.notSub(caller);
    const parent = this.store.account(caller.accountId);
    const state = this.store.state(parent);
    this.checkPackage(state, body.plan);
    const allowed = limitsFor(subjectOfState(state, parent.timeZone), this.now()).subAccounts;
    const now = this.now();
    const token = randomToken(24);
    const id = newId();
    this.db.transaction((tx) => {
      const used = Number(tx.select({ n: sql<number>`count(*)` }).from(billingSubAccounts).where(eq(billingSubAccounts.parentAccountId, caller.accountId)).get()?.n ?? 0);
      if (used >= allowed) throw conflict('no-sub-account-places', `The plan has ${allowed} sub-account place(s); buy the sub-accounts add-on for more.`);
      if (tx.select().from(users).where(eq(users.email, body.email)).get()) throw conflict('email-taken', 'This e-mail already has a login.');
      tx.insert(accounts).values({ id, name: body.name, plan: body.plan, trialEndsAt: null, createdAt: now }).run();
      // No password until the invitee sets one: this hash matches nothing.
      tx.insert(users).values({ id: newId(), accountId: id, email: body.email, name: body.userName, passwordHash: '!', createdAt: now }).run();
      tx.insert(billingSubAccounts).values({ accountId: id, parentAccountId: caller.accountId, status: 'invited', activationHash: sha256(token), deleteAt: null, createdAt: now }).run();
      const link = `${this.baseUrl()}/activate#token=${token}`;
      this.mail.enqueue({ accountId: caller.accountId, kind: 'sub-account-activation', to: body.email, dedupeKey: `sub-activation:${id}`, content: {
        subject: `Your account "${body.name}" is ready: set your password`,
        html: `<p>Hello ${escapeHtml(body.userName)},</p><p>an account <strong>${escapeHtml(body.name)}</strong> was created for you.</p><p><a href="${link}">Set your password</a></p>`,
        text: `Hello ${body.userName},\n\nan account "${body.name}" was created for you.\n\nSet your password: ${link}\n`, attachments: [], headers: {},
      } }, tx);
    }, { behavior: 'immediate' });
    return this.list(caller).find((s) => s.id === id)!;
  }

  async activate(token: string, password: string): Promise<void> {
    const sub = this.db.select().from(billingSubAccounts).where(eq(billingSubAccounts.activationHash, sha256(token))).get();
    if (!sub || sub.status !== 'invited') throw new AppError('invalid-activation', 400, 'This activation link is not valid any more.');
    const hash = await hashPassword(password);
    this.db.transaction((tx) => {
      tx.update(users).set({ passwordHash: hash }).where(eq(users.accountId, sub.accountId)).run();
      tx.update(billingSubAccounts).set({ status: 'active', activationHash: null }).where(eq(billingSubAccounts.accountId, sub.accountId)).run();
    });
  }

  /** The main account enters a sub-account: a session of its login, short-lived, written to the audit log. */
  enter(caller: Caller, subId: string): string {
    const sub = this.own(caller, subId);
    const user = this.db.select().from(users).where(eq(users.accountId, sub.accountId)).get()!;
    const token = randomToken(32);
    const now = this.sessionNow();
    this.db.transaction((tx) => {
      tx.insert(sessions).values({ id: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + ACTING_HOURS * 3_600_000) }).run();
      tx.insert(billingSubAccountAudit).values({ id: newId(), parentAccountId: caller.accountId, parentUserId: caller.userId, subAccountId: sub.accountId, sessionHash: sha256(token), action: 'log-in-as', at: now }).run();
    });
    return token;
  }

  /** For the "acting as" bar: whether this session was opened by a main account. */
  actingAs(sessionToken: string | undefined): { subAccountName: string; parentAccountId: string } | null {
    if (!sessionToken) return null;
    const row = this.db.select({ audit: billingSubAccountAudit, name: accounts.name }).from(billingSubAccountAudit).innerJoin(accounts, eq(accounts.id, billingSubAccountAudit.subAccountId))
      .where(eq(billingSubAccountAudit.sessionHash, sha256(sessionToken))).get();
    return row ? { subAccountName: row.name, parentAccountId: row.audit.parentAccountId } : null;
  }

  /** A new package, at once: the account's plan and, when billing has seen the sub-account, its billing state (which `limitsFor` reads). */
  setPlan(caller: Caller, subId: string, plan: PlanId): void {
    const sub = this.own(caller, subId);
    this.checkPackage(this.store.state(this.store.account(caller.accountId)), plan);
    this.db.transaction((tx) => {
      tx.update(accounts).set({ plan }).where(eq(accounts.id, sub.accountId)).run();
      const billing = tx.select().from(billingAccounts).where(eq(billingAccounts.accountId, sub.accountId)).get();
      if (billing) this.store.saveState(tx, sub.accountId, { ...(billing.state as BillingState), plan, status: plan === 'trial' ? 'trial' : 'active', pending: null });
    });
  }

  /**
   * The server decides what a sub-account may have: a package no bigger than the main
   * account's own plan (by attendees), never the operator's self-hosted plan unless the
   * main account has it, and nothing while the main account is suspended or expired.
   */
  private checkPackage(parent: BillingState, plan: PlanId): void {
    if (parent.status === 'suspended' || parent.status === 'expired') throw conflict('account-inactive', 'The main account is suspended or expired: reactivate it first.');
    const mine = parent.plan;
    const tooBig = PLANS[plan].limits.maxAttendees > PLANS[mine].limits.maxAttendees;
    const selfHosted = plan === 'self-hosted' && mine !== 'self-hosted';
    if (tooBig || selfHosted || (!isPaidPlan(plan) && plan !== 'trial' && plan !== mine)) {
      throw new AppError('package-too-big', 409, `A sub-account's package can be at most the main account's own plan (${PLANS[mine].label}).`);
    }
  }

  /** Cancel: active to the end of the main account's paid period, then deleted by a job. */
  cancel(caller: Caller, subId: string): SubAccountOut {
    const sub = this.own(caller, subId);
    const parent = this.store.account(caller.accountId);
    const state = this.store.state(parent);
    // The first instant of the next period in the main account's zone (midnight in Warsaw, not in UTC).
    const end = state.nextStart !== null ? startOfDay(state.nextStart, parent.timeZone) : this.now();
    this.db.transaction((tx) => {
      tx.update(billingSubAccounts).set({ status: 'cancelling', deleteAt: end }).where(eq(billingSubAccounts.accountId, sub.accountId)).run();
      this.jobs.add(tx, { kind: 'sub-account-delete', accountId: sub.accountId, runAt: end, key: `sub-account-delete:${sub.accountId}` });
    });
    return this.list(caller).find((s) => s.id === sub.accountId)!;
  }

  /** Delete at once, irreversibly, after the account's name is typed back. */
  delete(caller: Caller, subId: string, confirmation: string): void {
    const sub = this.own(caller, subId);
    const name = this.db.select().from(accounts).where(eq(accounts.id, sub.accountId)).get()!.name;
    if (confirmation.trim() !== name) throw new AppError('confirmation-mismatch', 400, 'Type the sub-account\'s name exactly to delete it.');
    const stored = this.db.transaction((tx) => this.purge(tx, sub.accountId), { behavior: 'immediate' });
    this.removeStored(stored);
  }

  /** The deletion job of a cancelled sub-account. */
  deleteJob(tx: BillingTx, accountId: string): void {
    const sub = tx.select().from(billingSubAccounts).where(eq(billingSubAccounts.accountId, accountId)).get();
    // The job's transaction commits after this; the bytes go last, once nothing can point at them.
    if (sub?.status === 'cancelling') this.removeStored(this.purge(tx, accountId));
  }

  /**
   * Removes the account from every table: rows of its events first (in any table with an
   * `event_id`), then every row with its `account_id`, then the account (its users,
   * sessions and keys follow by cascade). Read from the schema itself, so a table added
   * later is swept too.
   */
  private purge(tx: BillingTx, accountId: string): { fileIds: string[]; recordingIds: string[] } {
    const stored = {
      fileIds: tx.all<{ id: string }>(sql`select id from files where account_id = ${accountId}`).map((r) => r.id),
      recordingIds: tx.all<{ id: string }>(sql`select id from recordings where account_id = ${accountId}`).map((r) => r.id),
    };
    const tables = tx.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).map((t) => t.name);
    const columns = (table: string) => tx.all<{ name: string }>(sql`select name from pragma_table_info(${table})`).map((c) => c.name);
    const eventIds = tx.all<{ id: string }>(sql`select id from events where account_id = ${accountId}`).map((e) => e.id);
    for (const table of tables) {
      if (table !== 'events' && eventIds.length && columns(table).includes('event_id')) {
        tx.run(sql`delete from ${sql.identifier(table)} where event_id in (${sql.join(eventIds.map((e) => sql`${e}`), sql`, `)})`);
      }
    }
    for (const table of tables) {
      if (table === 'accounts') continue;
      for (const col of ['account_id', 'sub_account_id']) if (columns(table).includes(col)) tx.run(sql`delete from ${sql.identifier(table)} where ${sql.identifier(col)} = ${accountId}`);
    }
    // Billing's own jobs for it live in the shared jobs table, the account in their payload.
    tx.run(sql`delete from jobs where kind like 'billing.%' and status = 'pending' and json_extract(payload, '$.accountId') = ${accountId}`);
    tx.run(sql`delete from accounts where id = ${accountId}`);
    return stored;
  }

  private own(caller: Caller, subId: string) {
    const sub = this.db.select().from(billingSubAccounts).where(and(eq(billingSubAccounts.accountId, subId), eq(billingSubAccounts.parentAccountId, caller.accountId))).get();
    if (!sub) throw notFound('Sub-account');
    return sub;
  }

  /** A sub-account cannot have sub-accounts of its own. */
  private notSub(caller: Caller): void {
    if (this.db.select().from(billingSubAccounts).where(eq(billingSubAccounts.accountId, caller.accountId)).get()) throw forbidden('sub-account', 'A sub-account cannot manage sub-accounts.');
  }
}
