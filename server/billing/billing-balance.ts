import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { billingBalanceEntries, billingTopups } from '../db/schema-billing.ts';
import { AppError, conflict, notFound } from '../domain/app-error.ts';
import { newId } from '../domain/secrets.ts';
import type { Logger } from '../logger.ts';
import { dayIn } from '../../shared/billing/calendar.ts';
import { allocateUsage, type BillingState, type ChargeDraft } from '../../shared/billing/engine.ts';
import { vatOn } from '../../shared/billing/tax.ts';
import { TOPUP_MAX, TOPUP_MIN, type BalanceOut, type TopupOut } from '../../shared/billing-schemas.ts';
import { formatMoney } from '../../shared/billing-money.ts';
import { USAGE_UNIT_PRICES, type Currency, type UsageKind } from '../../shared/plans.ts';
import type { BillingTx } from './billing-jobs.ts';
import type { BillingStore, ChargeRow } from './billing-store.ts';
import type { PaymentGateway } from './payment-gateway.ts';

type TopupRow = typeof billingTopups.$inferSelect;

/** What another domain (the phone issue's toll-free numbers) reports; the server prices it. */
export interface UsageReport {
  readonly accountId: string;
  /** Unique per piece of usage (a call's id): the same report twice is charged once. */
  readonly ref: string;
  readonly kind: UsageKind;
  readonly quantity: number;
  readonly description?: string;
}

export interface UsageResult {
  readonly duplicate: boolean;
  readonly chargeId: string | null;
  readonly total: number;
  readonly fromBalance: number;
  readonly toCard: number;
}

/** How long a top-up's Checkout page lives (Stripe's shortest expiry is 30 minutes). */
const TOPUP_CHECKOUT_MINUTES = 60;
/** The reconciliation job re-fetches a top-up whose webhook has not come after this long. */
const TOPUP_RECHECK_MS = 10 * 60_000;

/**
 * The prepaid balance (BILL-8): top-ups through Checkout in payment mode, usage charges
 * taken from the balance first and the rest from the card. The balance is the sum of an
 * append-only ledger whose `(kind, ref)` is unique, so a top-up and a usage count once.
 * Money in the balance is gross (what the customer paid); usage is priced net plus VAT.
 */
export class BillingBalance {
  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly gateway: PaymentGateway | undefined,
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
    private readonly now: () => Date,
    /** Charges the card part of a usage charge (after the transaction). */
    private readonly collect: (charge: ChargeRow) => Promise<unknown>,
  ) {}

  overview(accountId: string): BalanceOut {
    const row = this.store.account(accountId);
    const currency = (row.state as BillingState).currency;
    const topups = this.db.select().from(billingTopups).where(eq(billingTopups.accountId, accountId)).orderBy(desc(billingTopups.createdAt)).limit(50).all();
    const entries = this.db.select().from(billingBalanceEntries).where(and(eq(billingBalanceEntries.accountId, accountId), eq(billingBalanceEntries.currency, currency))).orderBy(desc(billingBalanceEntries.createdAt)).limit(100).all();
    return {
      currency, balance: this.store.balance(accountId, currency), min: TOPUP_MIN[currency], max: TOPUP_MAX[currency], topups: topups.map(topupOut),
      entries: entries.filter((e) => e.amount !== 0).map((e) => ({ kind: e.kind, amount: e.amount, ref: e.ref, createdAt: e.createdAt.toISOString() })),
    };
  }

  /** A top-up: the amount in the account's currency (the server's choice), paid on Stripe's Checkout page. */
  async startTopup(accountId: string, amount: number): Promise<TopupOut> {
    if (!this.gateway) throw conflict('payments-not-configured', 'Payments are not set up on this server.');
    const currency = (this.store.account(accountId).state as BillingState).currency;
    if (amount < TOPUP_MIN[currency] || amount > TOPUP_MAX[currency]) {
      throw new AppError('invalid-amount', 400, `A top-up is from ${formatMoney(TOPUP_MIN[currency], currency)} to ${formatMoney(TOPUP_MAX[currency], currency)}.`, [{ field: 'amount', message: 'Out of range.' }]);
    }
    const row: TopupRow = { id: newId(), accountId, currency, amount, status: 'open', checkoutSessionId: null, checkoutUrl: null, createdAt: this.now(), paidAt: null };
    this.db.insert(billingTopups).values(row).run();
    const back = `${this.baseUrl()}/dashboard/billing`;
    try {
      const s = await this.gateway.checkout(`topup:${row.id}`, {
        kind: 'topup', currency, amount, description: `Prepaid balance top-up ${formatMoney(amount, currency)}`,
        successUrl: `${back}?topup=${row.id}`, cancelUrl: back, expiresAt: new Date(Date.now() + TOPUP_CHECKOUT_MINUTES * 60_000),
      });
      this.db.update(billingTopups).set({ checkoutSessionId: s.id, checkoutUrl: s.url }).where(eq(billingTopups.id, row.id)).run();
      return topupOut({ ...row, checkoutSessionId: s.id, checkoutUrl: s.url });
    } catch (error) {
      // Nothing half-made: the top-up that has no page is closed at once.
      this.db.update(billingTopups).set({ status: 'failed' }).where(eq(billingTopups.id, row.id)).run();
      this.logger.warn(`top-up checkout failed: ${(error as Error).message}`);
      throw new AppError('gateway-error', 502, 'Stripe could not open the payment page; try again.');
    }
  }

  /** The Checkout webhook's effect (`kind: topup`), in the transaction that records the event. */
  onCheckout(tx: BillingTx, session: { id: string; ref: string; status: 'paid' | 'expired' }): void {
    const id = session.ref.startsWith('topup:') ? session.ref.slice('topup:'.length) : session.ref;
    const topup = tx.select().from(billingTopups).where(eq(billingTopups.id, id)).get();
    if (!topup || topup.checkoutSessionId !== session.id) return;
    if (session.status === 'paid') this.credit(tx, topup);
    else tx.update(billingTopups).set({ status: 'expired' }).where(and(eq(billingTopups.id, id), eq(billingTopups.status, 'open'))).run();
  }

  /** The success page, or the reconciliation job: asks Stripe how the session stands and applies it. */
  async check(accountId: string | null, topupId: string): Promise<TopupOut> {
    const topup = this.db.select().from(billingTopups).where(eq(billingTopups.id, topupId)).get();
    if (!topup || (accountId !== null && topup.accountId !== accountId)) throw notFound('Top-up');
    if (topup.status === 'open' && topup.checkoutSessionId && this.gateway) {
      const s = await this.gateway.retrieveCheckout(topup.checkoutSessionId);
      const status = s.paymentStatus === 'paid' ? 'paid' : s.status === 'expired' ? 'expired' : undefined;
      if (status) this.db.transaction((tx) => this.onCheckout(tx, { id: s.id, ref: `topup:${topup.id}`, status }), { behavior: 'immediate' });
    }
    return topupOut(this.db.select().from(billingTopups).where(eq(billingTopups.id, topupId)).get()!);
  }

  /** Reconciliation: every top-up still open after a while is re-fetched from Stripe. */
  async reconcile(): Promise<void> {
    const open = this.db.select().from(billingTopups).where(and(eq(billingTopups.status, 'open'), lte(billingTopups.createdAt, new Date(this.now().getTime() - TOPUP_RECHECK_MS)))).all();
    for (const t of open) await this.check(null, t.id).catch((error: unknown) => this.logger.warn(`top-up ${t.id} not reconciled: ${(error as Error).message}`));
  }

  /**
   * A usage charge other domains call (BILL-8): priced here, net plus the buyer's VAT;
   * the balance pays first, the card the rest (one invoice, the balance part shown as a
   * payment line). The same `ref` twice has no second effect.
   */
  async chargeUsage(report: UsageReport): Promise<UsageResult> {
    if (!Number.isSafeInteger(report.quantity) || report.quantity <= 0 || report.quantity > 1_000_000) throw new AppError('invalid-quantity', 400, 'The quantity must be a whole number from 1 to 1 000 000.');
    const outcome = this.db.transaction((tx) => {
      const row = this.store.account(report.accountId, tx);
      const currency = (row.state as BillingState).currency as Currency;
      const net = USAGE_UNIT_PRICES[report.kind][currency] * report.quantity;
      const tax = this.store.taxOf(row, this.now());
      const total = net + vatOn(net, tax.rateBp);
      const { fromBalance, toCard } = allocateUsage(total, this.balanceIn(tx, report.accountId, currency));
      const fresh = this.store.addBalance(tx, { accountId: report.accountId, currency, amount: -fromBalance, kind: 'usage', ref: `${report.kind}:${report.ref}` });
      if (!fresh) return { duplicate: true, charge: null, total, fromBalance: 0, toCard: 0 };
      const today = dayIn(this.now(), row.timeZone);
      const draft: ChargeDraft = {
        kind: 'usage', currency, net, servicePeriod: { from: today, until: today + 1 },
        lines: [{ code: `usage:${report.kind}`, description: report.description ?? `${report.kind} × ${report.quantity}`, quantity: report.quantity, net }],
      };
      const charge = this.store.insertCharge(tx, row, draft, fromBalance);
      return { duplicate: false, charge, total: charge.total, fromBalance, toCard };
    }, { behavior: 'immediate' });
    if (outcome.charge && outcome.toCard > 0) await this.collect(outcome.charge);
    return { duplicate: outcome.duplicate, chargeId: outcome.charge?.id ?? null, total: outcome.total, fromBalance: outcome.fromBalance, toCard: outcome.toCard };
  }

  private balanceIn(tx: BillingTx, accountId: string, currency: string): number {
    return tx.select({ amount: billingBalanceEntries.amount }).from(billingBalanceEntries)
      .where(and(eq(billingBalanceEntries.accountId, accountId), eq(billingBalanceEntries.currency, currency))).all().reduce((s, e) => s + e.amount, 0);
  }

  private credit(tx: BillingTx, topup: TopupRow): void {
    const won = tx.update(billingTopups).set({ status: 'paid', paidAt: this.now() }).where(and(eq(billingTopups.id, topup.id), eq(billingTopups.status, 'open'))).run();
    if (won.changes === 0) return;
    this.store.addBalance(tx, { accountId: topup.accountId, currency: topup.currency, amount: topup.amount, kind: 'topup', ref: topup.id });
  }
}

function topupOut(t: TopupRow): TopupOut {
  return { id: t.id, status: t.status, currency: t.currency, amount: t.amount, url: t.status === 'open' ? t.checkoutUrl : null, createdAt: t.createdAt.toISOString(), paidAt: t.paidAt?.toISOString() ?? null };
}
