import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts } from '../db/schema-accounts.ts';
import { billingAccounts, billingBalanceEntries, billingCharges, billingInvoiceCounters } from '../db/schema-billing.ts';
import { newId } from '../domain/secrets.ts';
import { dayIn, isoDay, ymd } from '../../shared/billing/calendar.ts';
import { trialState, type BillingState, type ChargeDraft, type ChargeLine } from '../../shared/billing/engine.ts';
import { taxFor, vatOn, type TaxDecision } from '../../shared/billing/tax.ts';
import type { Currency, PlanId } from '../../shared/plans.ts';
import type { BillingTx } from './billing-jobs.ts';

export type AccountRow = typeof billingAccounts.$inferSelect;
export type ChargeRow = typeof billingCharges.$inferSelect;
type Writer = Pick<Db, 'insert' | 'update' | 'select'> | BillingTx;

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw';

/** Charge states in the order they may move: a webhook never takes one backwards. */
const CHARGE_RANK: Record<string, number> = { open: 0, failed: 1, paid: 2, refunded: 3 };
export const canMoveCharge = (from: string, to: string) => (CHARGE_RANK[to] ?? -1) > (CHARGE_RANK[from] ?? -1);

export interface Seller { readonly name: string; readonly address: string; readonly country: string; readonly vatId: string }

/** Rows of the billing tables, read and written for the service; the engine's state is one JSON column. */
export class BillingStore {
  /** Called inside the transaction that marks a charge paid (the partner ledger accrues there). */
  afterPaid: (tx: Writer, charge: ChargeRow) => void = () => undefined;
  /** Called inside the transaction that first marks a charge failed (dunning starts there). */
  afterFailed: (tx: Writer, charge: ChargeRow) => void = () => undefined;

  constructor(private readonly db: Db, private readonly seller: Seller, private readonly now: () => Date) {}

  /** The account's billing row, created on first use from the account's plan (a trial keeps its end date). */
  account(accountId: string, db: Writer = this.db): AccountRow {
    const found = db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
    if (found) return found;
    const acc = db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    if (!acc) throw new Error(`no account ${accountId}`);
    const trialEnds = acc.trialEndsAt ? dayIn(acc.trialEndsAt, DEFAULT_TIME_ZONE) : null;
    const state = trialState('PLN', trialEnds, acc.plan as PlanId);
    const row: AccountRow = {
      accountId, status: state.status, state, timeZone: DEFAULT_TIME_ZONE, country: this.seller.country, vatId: null,
      buyerName: acc.name, buyerAddress: null, gatewayCustomerId: null, updatedAt: this.now(),
    };
    db.insert(billingAccounts).values(row).onConflictDoNothing().run();
    return db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get()!;
  }

  existing(accountId: string, db: Writer = this.db): AccountRow | undefined {
    return db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
  }

  get sellerInfo(): Seller {
    return this.seller;
  }

  state(row: AccountRow): BillingState {
    return row.state as BillingState;
  }

  /** Saves the engine's new state; the account's plan column follows it, so every `limitsFor(plan)` sees the change. */
  saveState(tx: Writer, accountId: string, state: BillingState): void {
    tx.update(billingAccounts).set({ state, status: state.status, updatedAt: this.now() }).where(eq(billingAccounts.accountId, accountId)).run();
    tx.update(accounts).set({ plan: state.plan }).where(eq(accounts.id, accountId)).run();
  }

  setProfile(accountId: string, profile: { country: string; vatId: string | null; buyerName: string; buyerAddress: string; timeZone: string }): void {
    this.account(accountId);
    this.db.update(billingAccounts).set({ ...profile, updatedAt: this.now() }).where(eq(billingAccounts.accountId, accountId)).run();
  }

  setCustomer(accountId: string, customerId: string): void {
    this.db.update(billingAccounts).set({ gatewayCustomerId: customerId }).where(eq(billingAccounts.accountId, accountId)).run();
  }

  taxOf(row: AccountRow, at: Date): TaxDecision {
    return taxFor(this.seller.country, { country: row.country, vatId: row.vatId }, at);
  }

  /** Writes a charge the engine decided, with VAT for the buyer on this day; a zero charge is paid at once. */
  insertCharge(tx: Writer, row: AccountRow, draft: ChargeDraft, balancePaid = 0): ChargeRow {
    const at = this.now();
    const tax = this.taxOf(row, at);
    const vat = vatOn(draft.net, tax.rateBp);
    const charge: ChargeRow = {
      id: newId(), accountId: row.accountId, kind: draft.kind, status: 'open', currency: draft.currency, net: draft.net, tax: vat, total: draft.net + vat,
      taxRateBp: tax.rateBp, reverseCharge: tax.reverseCharge, taxNote: tax.note, lines: draft.lines as ChargeLine[],
      serviceFrom: isoDay(draft.servicePeriod.from), serviceUntil: isoDay(draft.servicePeriod.until - 1), number: null, gatewayInvoiceId: null,
      gatewayPaymentRef: null, refunded: 0, hostedUrl: null, failure: null, balancePaid, retryDue: null, retries: 0, createdAt: at, paidAt: null,
    };
    tx.insert(billingCharges).values(charge).run();
    // Nothing left for the card (a free period, or a usage charge the balance covered): paid now.
    if (charge.total - balancePaid === 0) return this.markPaid(tx, charge) ?? charge;
    return charge;
  }

  charge(id: string, db: Writer = this.db): ChargeRow | undefined {
    return db.select().from(billingCharges).where(eq(billingCharges.id, id)).get();
  }

  chargeByInvoice(invoiceId: string, db: Writer = this.db): ChargeRow | undefined {
    return db.select().from(billingCharges).where(eq(billingCharges.gatewayInvoiceId, invoiceId)).get();
  }

  charges(accountId: string): ChargeRow[] {
    return this.db.select().from(billingCharges).where(eq(billingCharges.accountId, accountId)).orderBy(desc(billingCharges.createdAt)).all();
  }

  allPaid(): ChargeRow[] {
    return this.db.select().from(billingCharges).where(eq(billingCharges.status, 'paid')).orderBy(billingCharges.number).all();
  }

  openWithoutInvoice(): ChargeRow[] {
    return this.db.select().from(billingCharges).where(and(eq(billingCharges.status, 'open'), sql`${billingCharges.gatewayInvoiceId} is null`)).all();
  }

  chargeByPayment(paymentRef: string, db: Writer = this.db): ChargeRow | undefined {
    return db.select().from(billingCharges).where(eq(billingCharges.gatewayPaymentRef, paymentRef)).get();
  }

  setPaymentRef(tx: Writer, chargeId: string, paymentRef: string): void {
    tx.update(billingCharges).set({ gatewayPaymentRef: paymentRef }).where(eq(billingCharges.id, chargeId)).run();
  }

  /** Records the amount refunded so far (never less than before); fully refunded is the last state. */
  setRefunded(tx: Writer, charge: ChargeRow, refunded: number): void {
    const amount = Math.max(charge.refunded, Math.min(refunded, charge.total));
    tx.update(billingCharges).set({ refunded: amount, ...(amount >= charge.total && { status: 'refunded' }) }).where(eq(billingCharges.id, charge.id)).run();
  }

  attachInvoice(chargeId: string, invoiceId: string, hostedUrl: string | null): void {
    this.db.update(billingCharges).set({ gatewayInvoiceId: invoiceId, hostedUrl }).where(eq(billingCharges.id, chargeId)).run();
  }

  /** Failed only from open: a late failure never undoes a payment. */
  markFailed(tx: Writer, charge: ChargeRow, reason: string): void {
    if (!canMoveCharge(charge.status, 'failed')) return;
    const changed = tx.update(billingCharges).set({ status: 'failed', failure: reason.slice(0, 500) }).where(and(eq(billingCharges.id, charge.id), eq(billingCharges.status, charge.status))).run();
    if (changed.changes > 0) this.afterFailed(tx, { ...charge, status: 'failed', failure: reason });
  }

  /** Open charges Stripe already has an invoice for, created before `before` (the reconciliation job re-fetches them). */
  openWithInvoice(before: Date): ChargeRow[] {
    return this.db.select().from(billingCharges).where(and(eq(billingCharges.status, 'open'), sql`${billingCharges.gatewayInvoiceId} is not null`, lte(billingCharges.createdAt, before))).all();
  }

  /** Failed charges a dunning job has asked to retry. */
  retriesDue(): ChargeRow[] {
    return this.db.select().from(billingCharges).where(and(eq(billingCharges.status, 'failed'), sql`${billingCharges.retryDue} is not null`)).all();
  }

  setRetry(tx: Writer, chargeId: string, retryDue: number | null, retries?: number): void {
    tx.update(billingCharges).set({ retryDue, ...(retries !== undefined && { retries }) }).where(eq(billingCharges.id, chargeId)).run();
  }

  /**
   * Paid, once: the invoice number is taken here, in the same transaction, from the
   * seller's counter for the year (FV/2026/000001), so numbers have no gaps and no twins.
   */
  markPaid(tx: Writer, charge: ChargeRow): ChargeRow | undefined {
    if (!canMoveCharge(charge.status, 'paid')) return undefined;
    const at = this.now();
    // The seller's year (Warsaw by default): an invoice paid at 23:30 UTC on 31 December is already next year's there.
    const year = ymd(dayIn(at, DEFAULT_TIME_ZONE)).year;
    const key = `${this.seller.vatId || this.seller.name}:${year}`;
    tx.insert(billingInvoiceCounters).values({ key, last: 0 }).onConflictDoNothing().run();
    tx.update(billingInvoiceCounters).set({ last: sql`${billingInvoiceCounters.last} + 1` }).where(eq(billingInvoiceCounters.key, key)).run();
    const last = tx.select().from(billingInvoiceCounters).where(eq(billingInvoiceCounters.key, key)).get()!.last;
    const number = `FV/${year}/${String(last).padStart(6, '0')}`;
    const changed = tx.update(billingCharges).set({ status: 'paid', number, paidAt: at, failure: null })
      .where(and(eq(billingCharges.id, charge.id), eq(billingCharges.status, charge.status))).run();
    if (changed.changes === 0) throw new Error(`charge ${charge.id} changed under us`);
    const paid = { ...charge, status: 'paid', number, paidAt: at };
    this.afterPaid(tx, paid);
    return paid;
  }

  balance(accountId: string, currency: Currency): number {
    const r = this.db.select({ total: sql<number>`coalesce(sum(${billingBalanceEntries.amount}), 0)` }).from(billingBalanceEntries)
      .where(and(eq(billingBalanceEntries.accountId, accountId), eq(billingBalanceEntries.currency, currency))).get();
    return Number(r?.total ?? 0);
  }

  /** Appends to the prepaid balance; `(kind, ref)` makes a top-up or a usage count once. Returns false on a repeat. */
  addBalance(tx: Writer, entry: { accountId: string; currency: string; amount: number; kind: string; ref: string }): boolean {
    return tx.insert(billingBalanceEntries).values({ id: newId(), ...entry, createdAt: this.now() }).onConflictDoNothing().run().changes > 0;
  }
}
