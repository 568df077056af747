import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import { accounts, users } from '../db/schema-accounts.ts';
import { billingAccounts } from '../db/schema-billing.ts';
import type { Db } from '../db/database.ts';
import { billingPromoCodes } from '../db/schema-billing.ts';
import { AppError, conflict, notFound } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { dayIn, dayOf, isoDay, startOfDay, ymd } from '../../shared/billing/calendar.ts';
import { BillingRefusal, transition, type BillingCommand, type BillingState, type ChargeDraft, type ChargeLine, type Transition } from '../../shared/billing/engine.ts';
import { vatOn } from '../../shared/billing/tax.ts';
import type { BillingCommandBody, ChargePreviewOut, CommandOut } from '../../shared/billing-schemas.ts';
import type { BillingJob, BillingJobKind, BillingJobs, BillingTx } from './billing-jobs.ts';
import { DEFAULT_TIME_ZONE, type AccountRow, type BillingStore, type ChargeRow } from './billing-store.ts';
import type { PartnerService } from './partner-service.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { invoiceOut, summaryOf } from './billing-summary.ts';

/** Commands that buy something: without a gateway there is no way to pay, so they are refused before the engine runs. */
const MONEY_COMMANDS = new Set<BillingCommandBody['type']>(['subscribe', 'change-plan', 'set-addon']);

/**
 * An account's subscription lifecycle over the pure engine: every command and every
 * boundary job loads the state, asks the engine, and in ONE transaction saves the new
 * state, writes the charge it decided (with VAT) and schedules the next boundary. Money
 * moves after the commit, through the gateway, with keys derived from the charge id.
 */
export class BillingService {
  /** The sub-account deletion job's work (set by the module: sub-accounts are their own service). */
  onSubAccountDelete: (tx: BillingTx, accountId: string) => void = () => undefined;
  /** Jobs other parts of billing run (dunning retries, reconciliation), set by the module. */
  jobWork: Partial<Record<BillingJobKind, (tx: BillingTx, job: BillingJob) => void>> = {};
  /** The gateway work after jobs (collect, retry, re-fetch), set by the module. */
  afterJobs: () => Promise<void> = () => this.collectOpen();

  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly jobs: BillingJobs,
    private readonly gateway: PaymentGateway | undefined,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly partners: PartnerService,
  ) {}

  get paymentsConfigured(): boolean {
    return this.gateway !== undefined;
  }

  today(row: AccountRow): number {
    return dayIn(this.now(), row.timeZone);
  }

  summary(accountId: string) {
    const row = this.store.account(accountId);
    return summaryOf(row, this.store, this.paymentsConfigured, this.now());
  }

  /** Exactly what the command would charge today, VAT included, without doing it. */
  preview(accountId: string, body: BillingCommandBody): ChargePreviewOut | null {
    const row = this.store.account(accountId);
    const t = this.decide(row, this.command(body, this.db), this.today(row));
    return t.charge ? this.priced(row, t.charge) : null;
  }

  async execute(accountId: string, body: BillingCommandBody): Promise<CommandOut> {
    const outcome = this.db.transaction((tx) => {
      if (!this.gateway && MONEY_COMMANDS.has(body.type)) throw conflict('payments-not-configured', 'Payments are not set up on this server: the operator assigns plans by hand.');
      const row = this.store.account(accountId, tx);
      const t = this.decide(row, this.command(body, tx), this.today(row));
      return this.apply(tx, row, t);
    }, { behavior: 'immediate' });
    const charge = outcome.charge ? await this.collect(outcome.charge) : null;
    return { note: outcome.note, charge: charge && invoiceOut(charge), summary: this.summary(accountId) };
  }

  /** The operator assigns a plan by hand (no Stripe, or a deal made elsewhere): no charge is made. */
  assignPlan(accountId: string, plan: BillingState['plan']): void {
    this.db.transaction((tx) => {
      const row = this.store.account(accountId, tx);
      const state = this.store.state(row);
      if (plan === 'trial' && state.everPaid) throw conflict('trial-after-paid', 'A paid account can never go back to the free trial.');
      const next: BillingState = { ...state, plan, status: plan === 'trial' ? 'trial' : 'active', pending: null };
      this.store.saveState(tx, accountId, next);
    });
  }

  /** The operator refunds a charge by hand (never automatic); Stripe's refund webhook then records it and reverses commissions. */
  async refund(chargeId: string, amount: number | undefined): Promise<void> {
    const charge = this.store.charge(chargeId);
    if (!charge) throw notFound('Charge');
    if (!this.gateway || !charge.gatewayPaymentRef || charge.status !== 'paid') throw conflict('not-refundable', 'Only a charge paid through Stripe can be refunded.');
    if (amount !== undefined && amount > charge.total - charge.refunded) throw new AppError('refund-too-large', 400, 'More than what is left to refund.');
    await this.gateway.refund(`charge:${charge.id}:${charge.refunded}`, charge.gatewayPaymentRef, amount);
  }

  /** The operator page's list: every account, its owner's e-mail, plan and billing status. */
  operatorAccounts() {
    const owners = new Map<string, string>();
    for (const u of this.db.select({ accountId: users.accountId, email: users.email }).from(users).orderBy(asc(users.createdAt)).all()) if (!owners.has(u.accountId)) owners.set(u.accountId, u.email);
    const statuses = new Map(this.db.select({ id: billingAccounts.accountId, status: billingAccounts.status }).from(billingAccounts).all().map((r) => [r.id, r.status]));
    return this.db.select().from(accounts).orderBy(asc(accounts.createdAt)).limit(1000).all().map((a) => ({
      id: a.id, name: a.name, email: owners.get(a.id) ?? null, plan: a.plan, status: statuses.get(a.id) ?? (a.plan === 'trial' ? 'trial' : 'active'), createdAt: a.createdAt.toISOString(),
    }));
  }

  createPromo(code: string, percentOff: number, periods: number | null): void {
    const inserted = this.db.insert(billingPromoCodes).values({ code, percentOff, periods, createdAt: this.now() }).onConflictDoNothing().run();
    if (inserted.changes === 0) throw conflict('promo-exists', 'This promo code exists already.');
  }

  /** The payment method is saved (Checkout in setup mode completed): written with the webhook's event id. */
  paymentMethodSaved(tx: BillingTx, accountId: string): void {
    const row = this.store.account(accountId, tx);
    this.apply(tx, row, transition(this.store.state(row), { type: 'add-payment-method' }, this.today(row)));
  }

  /** BILL-5: a suspended account comes back on its next log-in (a new period starts today). */
  async resumeOnLogin(accountId: string): Promise<void> {
    const row = this.store.account(accountId);
    if (this.store.state(row).status !== 'suspended') return;
    await this.execute(accountId, { type: 'resume' });
  }

  /** Runs every billing job that is due on billing's clock; returns how many ran. Then the gateway work they left. */
  async runDueJobs(): Promise<number> {
    this.schedulePayouts();
    const ran = this.jobs.runDue((tx, job) => this.runJob(tx, job), (job, error) => this.logger.error(`billing job ${job.kind} ${job.id} failed`, error));
    await this.afterJobs();
    return ran;
  }

  /**
   * Trials whose 30 days are over expire, also those of accounts billing never saw (a
   * trial is not a billing row until the plan page is opened): run by the reconciliation
   * job every quarter of an hour, so the expiry is durable without a job per sign-up.
   */
  expireTrials(tx: BillingTx): number {
    // The trial's last day is a calendar day in the account's zone: candidates up to two days ahead, the engine's day rule decides.
    const horizon = new Date(this.now().getTime() + 2 * 86_400_000);
    const due = tx.select({ id: accounts.id }).from(accounts).leftJoin(billingAccounts, eq(billingAccounts.accountId, accounts.id))
      .where(and(eq(accounts.plan, 'trial'), lte(accounts.trialEndsAt, horizon), or(isNull(billingAccounts.status), eq(billingAccounts.status, 'trial'))))
      .limit(500).all();
    let expired = 0;
    for (const { id } of due) {
      const row = this.store.account(id, tx);
      const state = this.store.state(row);
      const today = this.today(row);
      if (state.status !== 'trial' || state.trialEnds === null || today < state.trialEnds) continue;
      this.apply(tx, row, transition(state, { type: 'trial-end' }, today));
      expired++;
    }
    return expired;
  }

  /** Dunning gave up: the account expires (BILL-6: back with a new payment method). */
  expire(tx: BillingTx, accountId: string): void {
    const row = this.store.account(accountId, tx);
    this.apply(tx, row, transition(this.store.state(row), { type: 'payment-failed' }, this.today(row)));
  }

  /** Charges every open charge that has no gateway invoice yet (after a job, or a crash between commit and call). */
  async collectOpen(): Promise<void> {
    for (const charge of this.store.openWithoutInvoice()) await this.collect(charge);
  }

  /**
   * TERMS-1: partner payouts on the 1st of each month (Warsaw), for the month before. The
   * last month's job is planned too, so a server that was down over the 1st still pays.
   */
  schedulePayouts(): void {
    const { year, month } = ymd(dayIn(this.now(), DEFAULT_TIME_ZONE));
    for (const back of [1, 0]) {
      const y = month - back < 1 ? year - 1 : year;
      const m = ((month - back + 11) % 12) + 1;
      const runY = m === 12 ? y + 1 : y;
      const runM = (m % 12) + 1;
      this.jobs.add(this.db, { kind: 'payouts', accountId: '*', runAt: startOfDay(dayOf(runY, runM, 1), DEFAULT_TIME_ZONE), key: `payouts:${y}-${String(m).padStart(2, '0')}` });
    }
  }

  /** One billing job's work, in the transaction that claims it (the shared loop or `runDueJobs`). */
  runJob(tx: BillingTx, job: BillingJob): void {
    const extra = this.jobWork[job.kind];
    if (extra) return extra(tx, job);
    // The period is in the key: `billing.payouts:2026-11`, perhaps with a `~…` suffix when it was put back.
    if (job.kind === 'payouts') return this.partners.runPayouts(tx, job.dedupeKey.replace(/^billing\.payouts:/, '').replace(/~.*$/, ''));
    if (job.kind === 'sub-account-delete') return this.onSubAccountDelete(tx, job.accountId);
    // An account deleted since (a sub-account purged) has no boundaries left.
    if (!this.store.existing(job.accountId, tx)) return;
    let row = this.store.account(job.accountId, tx);
    // A server that was down over several boundaries catches up one period at a time.
    for (let guard = 0; guard < 36; guard++) {
      const state = this.store.state(row);
      const today = this.today(row);
      const command = this.jobCommand(job.kind, state, today);
      if (!command) return;
      const before = JSON.stringify(state);
      const t = transition(state, command, today);
      if (JSON.stringify(t.state) === before && !t.charge) return;
      this.apply(tx, row, t);
      row = this.store.account(job.accountId, tx);
      if (job.kind !== 'period-end') return;
    }
  }

  private jobCommand(kind: BillingJobKind, state: BillingState, today: number): BillingCommand | null {
    if (kind === 'period-end') return state.nextStart !== null && today >= state.nextStart ? { type: 'period-end' } : null;
    if (kind === 'resume') return state.status === 'suspended' && state.resumeBy !== null && today >= state.resumeBy ? { type: 'resume' } : null;
    return state.status === 'trial' && state.trialEnds !== null && today >= state.trialEnds ? { type: 'trial-end' } : null;
  }

  private command(body: BillingCommandBody, db: Pick<Db, 'select'>): BillingCommand {
    if (body.type !== 'apply-promo') return body;
    const promo = db.select().from(billingPromoCodes).where(eq(billingPromoCodes.code, body.code)).get();
    if (!promo) throw notFound('Promo code');
    return { type: 'apply-promo', promo: { code: promo.code, percentOff: promo.percentOff, periodsLeft: promo.periods } };
  }

  private decide(row: AccountRow, command: BillingCommand, today: number): Transition {
    const state = this.store.state(row);
    if (command.type === 'subscribe' && state.currency !== command.currency && state.everPaid) {
      throw new AppError('currency-mismatch', 409, `This account pays in ${state.currency}.`);
    }
    try {
      return transition(state, command, today);
    } catch (error) {
      if (error instanceof BillingRefusal) throw new AppError(error.code, 409, error.message);
      throw error;
    }
  }

  /** Saves the transition, its charge and the next boundary job, in the caller's transaction. */
  private apply(tx: BillingTx, row: AccountRow, t: Transition): { charge: ChargeRow | null; note: string } {
    this.store.saveState(tx, row.accountId, t.state);
    const charge = t.charge ? this.store.insertCharge(tx, row, t.charge) : null;
    this.schedule(tx, row, t.state);
    return { charge, note: t.note };
  }

  private schedule(tx: BillingTx, row: AccountRow, state: BillingState): void {
    const at = (day: number) => startOfDay(day, row.timeZone);
    if ((state.status === 'active' || state.status === 'cancelling') && state.nextStart !== null) {
      this.jobs.add(tx, { kind: 'period-end', accountId: row.accountId, runAt: at(state.nextStart), key: `period-end:${row.accountId}:${state.nextStart}` });
    }
    if (state.status === 'suspended' && state.resumeBy !== null) {
      this.jobs.add(tx, { kind: 'resume', accountId: row.accountId, runAt: at(state.resumeBy), key: `resume:${row.accountId}:${state.resumeBy}` });
    }
    if (state.status === 'trial' && state.trialEnds !== null) {
      this.jobs.add(tx, { kind: 'trial-end', accountId: row.accountId, runAt: at(state.trialEnds), key: `trial-end:${row.accountId}:${state.trialEnds}` });
    }
  }

  private priced(row: AccountRow, draft: ChargeDraft): ChargePreviewOut {
    const tax = this.store.taxOf(row, this.now());
    const vat = vatOn(draft.net, tax.rateBp);
    return {
      kind: draft.kind, currency: draft.currency, lines: draft.lines.map((l) => ({ ...l })), net: draft.net, taxRateBp: tax.rateBp, tax: vat, total: draft.net + vat,
      reverseCharge: tax.reverseCharge, taxNote: tax.note, serviceFrom: isoDay(draft.servicePeriod.from), serviceUntil: isoDay(draft.servicePeriod.until - 1),
    };
  }

  /**
   * Charges an open charge off-session: our lines plus VAT as its own line. A decline
   * marks it failed; a network error leaves it open for the next pass (same keys, so
   * Stripe answers the retry with the invoice it already made).
   */
  async collect(charge: ChargeRow): Promise<ChargeRow> {
    if (charge.status !== 'open' || !this.gateway) return charge;
    const row = this.store.account(charge.accountId);
    if (!row.gatewayCustomerId) {
      this.db.transaction((tx) => this.store.markFailed(tx, charge, 'No payment method on file.'));
      return this.store.charge(charge.id)!;
    }
    const lines = (charge.lines as ChargeLine[]).map((l) => ({ description: l.description, net: l.net }));
    if (charge.tax > 0) lines.push({ description: `VAT ${charge.taxRateBp / 100}%`, net: charge.tax });
    // BILL-8: the part the prepaid balance paid, so the card is charged only the rest.
    if (charge.balancePaid > 0) lines.push({ description: 'Paid from the prepaid balance', net: -charge.balancePaid });
    try {
      const r = await this.gateway.chargeOffSession(charge.id, row.gatewayCustomerId, charge.currency, lines);
      this.store.attachInvoice(charge.id, r.id, r.hostedUrl);
      if (r.declined) this.db.transaction((tx) => this.store.markFailed(tx, this.store.charge(charge.id, tx)!, r.declined!));
      else if (r.status === 'paid') {
        const paymentRef = (await this.gateway.retrieveInvoice(r.id)).paymentIntentId;
        this.db.transaction((tx) => {
          if (paymentRef) this.store.setPaymentRef(tx, charge.id, paymentRef);
          this.store.markPaid(tx, this.store.charge(charge.id, tx)!);
        });
      }
    } catch (error) {
      const e = error as { statusCode?: number; message?: string };
      if (e.statusCode === 402) this.db.transaction((tx) => this.store.markFailed(tx, charge, e.message ?? 'The card was declined.'));
      else this.logger.warn(`charge ${charge.id} not collected yet: ${e.message ?? String(error)}`);
    }
    return this.store.charge(charge.id)!;
  }
}
