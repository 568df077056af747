import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { billingCommissions, billingPartners, billingPayouts, billingReferrals } from '../db/schema-billing.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { conflict, notFound } from '../domain/app-error.ts';
import { newId, randomToken } from '../domain/secrets.ts';
import type { BillingTx } from './billing-jobs.ts';
import type { ChargeRow } from './billing-store.ts';

type Writer = Pick<Db, 'insert' | 'update' | 'select'> | BillingTx;

/** TERMS-1's defaults: 20% of each paid charge net of VAT; payouts from PLN 150 (and the like elsewhere). */
export const PARTNER_RATE_BP = 2000;
export const PAYOUT_THRESHOLD: Readonly<Record<string, number>> = { PLN: 15_000, EUR: 3_500, USD: 4_000 };
export const REFERRAL_COOKIE = 'partner_ref';
export const REFERRAL_DAYS = 30;

const share = (amount: number, numerator: number, denominator: number) => Math.floor((2 * amount * numerator + denominator) / (2 * denominator));

/**
 * The partner programme's ledger (TERMS-1). Entries are only ever added: an accrual in
 * the transaction that marks a referred account's charge paid, a reversal pro rata to
 * each refund (a clawback when the accrual was already paid out), and monthly payouts
 * that gather what is owed once it reaches the threshold.
 */
export class PartnerService {
  constructor(private readonly db: Db, private readonly baseUrl: () => string, private readonly now: () => Date) {}

  join(caller: Caller) {
    const existing = this.db.select().from(billingPartners).where(eq(billingPartners.accountId, caller.accountId)).get();
    if (!existing) {
      const code = randomToken(6).replace(/[^A-Za-z0-9]/g, 'x');
      this.db.insert(billingPartners).values({ id: newId(), accountId: caller.accountId, code, rateBp: PARTNER_RATE_BP, createdAt: this.now() }).onConflictDoNothing().run();
    }
    return this.dashboard(caller);
  }

  dashboard(caller: Caller) {
    const p = this.db.select().from(billingPartners).where(eq(billingPartners.accountId, caller.accountId)).get();
    if (!p) throw notFound('Partner');
    const entries = this.db.select().from(billingCommissions).where(eq(billingCommissions.partnerId, p.id)).orderBy(desc(billingCommissions.createdAt)).all();
    const owed: Record<string, number> = {};
    for (const e of entries) if (!e.payoutId) owed[e.currency] = (owed[e.currency] ?? 0) + e.amount;
    return {
      code: p.code, link: `${this.baseUrl()}/api/v1/partners/r/${p.code}`, rateBp: p.rateBp,
      referrals: Number(this.db.select({ n: sql<number>`count(*)` }).from(billingReferrals).where(eq(billingReferrals.partnerId, p.id)).get()?.n ?? 0),
      owed,
      entries: entries.map((e) => ({ kind: e.kind, amount: e.amount, currency: e.currency, chargeId: e.chargeId, paidOut: e.payoutId !== null, createdAt: e.createdAt.toISOString() })),
      payouts: this.db.select().from(billingPayouts).where(eq(billingPayouts.partnerId, p.id)).all().map(payoutOut),
    };
  }

  partnerByCode(code: string) {
    return this.db.select().from(billingPartners).where(eq(billingPartners.code, code)).get();
  }

  /** At sign-up, from the cookie of the last referral link clicked; a partner never refers their own account. */
  attribute(accountId: string, code: string | undefined): void {
    const p = code ? this.partnerByCode(code) : undefined;
    if (!p || p.accountId === accountId) return;
    this.db.insert(billingReferrals).values({ accountId, partnerId: p.id, signedUpAt: this.now() }).onConflictDoNothing().run();
  }

  /** Inside the transaction that marks a charge paid: once per charge. */
  accrue(tx: Writer, charge: ChargeRow): void {
    const ref = tx.select().from(billingReferrals).where(eq(billingReferrals.accountId, charge.accountId)).get();
    if (!ref || charge.net <= 0) return;
    const partner = tx.select().from(billingPartners).where(eq(billingPartners.id, ref.partnerId)).get();
    if (!partner) return;
    tx.insert(billingCommissions).values({
      id: newId(), partnerId: partner.id, chargeId: charge.id, kind: 'accrual', sourceRef: charge.id, amount: share(charge.net, partner.rateBp, 10_000), currency: charge.currency, payoutId: null, createdAt: this.now(),
    }).onConflictDoNothing().run();
  }

  /** A refund (or a dispute) of `refundedTotal` so far: the commission comes back in the same proportion, once. */
  reverse(tx: Writer, charge: ChargeRow, refundedTotal: number): void {
    const accrual = tx.select().from(billingCommissions).where(and(eq(billingCommissions.chargeId, charge.id), eq(billingCommissions.kind, 'accrual'))).get();
    if (!accrual || charge.total <= 0) return;
    const target = -share(accrual.amount, Math.min(refundedTotal, charge.total), charge.total);
    const done = Number(tx.select({ s: sql<number>`coalesce(sum(${billingCommissions.amount}), 0)` }).from(billingCommissions)
      .where(and(eq(billingCommissions.chargeId, charge.id), inArray(billingCommissions.kind, ['reversal', 'clawback']))).get()?.s ?? 0);
    const delta = target - done;
    if (delta >= 0) return;
    tx.insert(billingCommissions).values({
      id: newId(), partnerId: accrual.partnerId, chargeId: charge.id, kind: accrual.payoutId ? 'clawback' : 'reversal', sourceRef: `refund:${charge.id}:${refundedTotal}`,
      amount: delta, currency: accrual.currency, payoutId: null, createdAt: this.now(),
    }).onConflictDoNothing().run();
  }

  /** The monthly job: a payout for every partner and currency owed at least the threshold; the rest waits. */
  runPayouts(tx: Writer, period: string): void {
    const open = tx.select().from(billingCommissions).where(isNull(billingCommissions.payoutId)).all();
    const sums = new Map<string, { partnerId: string; currency: string; amount: number; ids: string[] }>();
    for (const e of open) {
      const key = `${e.partnerId}:${e.currency}`;
      const s = sums.get(key) ?? { partnerId: e.partnerId, currency: e.currency, amount: 0, ids: [] };
      s.amount += e.amount;
      s.ids.push(e.id);
      sums.set(key, s);
    }
    for (const s of sums.values()) {
      if (s.amount < (PAYOUT_THRESHOLD[s.currency] ?? Number.POSITIVE_INFINITY)) continue;
      const id = newId();
      const made = tx.insert(billingPayouts).values({ id, partnerId: s.partnerId, period, currency: s.currency, amount: s.amount, status: 'pending', createdAt: this.now(), paidAt: null }).onConflictDoNothing().run();
      if (made.changes > 0) tx.update(billingCommissions).set({ payoutId: id }).where(inArray(billingCommissions.id, s.ids)).run();
    }
  }

  payouts() {
    return this.db.select({ payout: billingPayouts, accountId: billingPartners.accountId }).from(billingPayouts).innerJoin(billingPartners, eq(billingPartners.id, billingPayouts.partnerId))
      .orderBy(desc(billingPayouts.createdAt)).all().map((r) => ({ ...payoutOut(r.payout), partnerAccountId: r.accountId }));
  }

  markPaid(payoutId: string): void {
    const r = this.db.update(billingPayouts).set({ status: 'paid', paidAt: this.now() }).where(and(eq(billingPayouts.id, payoutId), eq(billingPayouts.status, 'pending'))).run();
    if (r.changes === 0) throw conflict('not-pending', 'This payout is not waiting to be paid.');
  }
}

function payoutOut(p: typeof billingPayouts.$inferSelect) {
  return { id: p.id, period: p.period, currency: p.currency, amount: p.amount, status: p.status, createdAt: p.createdAt.toISOString(), paidAt: p.paidAt?.toISOString() ?? null };
}
