import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { users } from '../db/schema-accounts.ts';
import type { Logger } from '../logger.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { formatMoney } from '../../shared/billing-money.ts';
import type { BillingJob, BillingJobs, BillingTx } from './billing-jobs.ts';
import type { BillingStore, ChargeRow } from './billing-store.ts';
import type { PaymentGateway } from './payment-gateway.ts';

/** Retries of an unpaid charge, in days after the failure: then the account expires (BILL-6). */
export const DUNNING_RETRY_DAYS = [3, 5, 7] as const;
const DAY_MS = 86_400_000;

type Writer = Pick<Db, 'insert' | 'update' | 'select'> | BillingTx;

/**
 * Failed payments (dunning). The first failure schedules retry 1 as a durable job and
 * tells the account; each retry job asks the collector (which talks to the gateway,
 * after the job's transaction) to try the invoice again with a key of its own; a
 * failed retry schedules the next one; after the last, the account expires and is told.
 */
export class Dunning {
  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly jobs: BillingJobs,
    private readonly mail: MailQueue,
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
    private readonly now: () => Date,
    /** Expires the account in the caller's transaction (the engine's `payment-failed`). */
    private readonly expire: (tx: Writer, accountId: string) => void,
  ) {}

  /** In the transaction that marked the charge failed for the first time. */
  started(tx: Writer, charge: ChargeRow): void {
    if (charge.retries > 0) return;
    this.scheduleRetry(tx, charge, 1);
  }

  /** The retry job: marks the charge for the collector; a charge paid meanwhile needs nothing. */
  retryJob(tx: Writer, job: BillingJob): void {
    const charge = job.payload.chargeId ? this.store.charge(job.payload.chargeId, tx) : undefined;
    if (!charge || charge.status !== 'failed') return;
    this.store.setRetry(tx, charge.id, job.payload.attempt ?? 1);
  }

  /** The collector's part: one more off-session attempt for every charge a retry job marked. */
  async retryPass(gateway: PaymentGateway): Promise<void> {
    for (const charge of this.store.retriesDue()) {
      const attempt = charge.retryDue!;
      if (!charge.gatewayInvoiceId) {
        this.db.transaction((tx) => void this.retryFailed(tx, charge, attempt, 'No invoice at the payment provider.'));
        continue;
      }
      try {
        const r = await gateway.retryPayment(charge.id, charge.gatewayInvoiceId, attempt);
        if (r.status === 'paid') {
          const paymentRef = (await gateway.retrieveInvoice(charge.gatewayInvoiceId)).paymentIntentId;
          this.db.transaction((tx) => {
            if (paymentRef) this.store.setPaymentRef(tx, charge.id, paymentRef);
            this.store.setRetry(tx, charge.id, null, attempt);
            this.store.markPaid(tx, this.store.charge(charge.id, tx)!);
          });
        }
      } catch (error) {
        const e = error as { statusCode?: number; message?: string };
        if (e.statusCode === 402) {
          const gaveUp = this.db.transaction((tx) => this.retryFailed(tx, charge, attempt, e.message ?? 'The card was declined.'));
          // Voided, so the old invoice can never be paid by surprise after the account expired (best effort).
          if (gaveUp) await gateway.voidInvoice(charge.id, charge.gatewayInvoiceId).catch((v: unknown) => this.logger.warn(`void of ${charge.gatewayInvoiceId} failed: ${(v as Error).message}`));
        } else this.logger.warn(`retry ${attempt} of charge ${charge.id} not made yet: ${e.message ?? String(error)}`);
      }
    }
  }

  /** Schedules the next retry, or expires the account after the last one; true when it gave up. */
  private retryFailed(tx: Writer, charge: ChargeRow, attempt: number, reason: string): boolean {
    this.store.setRetry(tx, charge.id, null, attempt);
    if (attempt < DUNNING_RETRY_DAYS.length) {
      this.scheduleRetry(tx, { ...charge, retries: attempt, failure: reason }, attempt + 1);
      return false;
    }
    this.expire(tx, charge.accountId);
    this.tell(tx, charge, 'expired', `dunning-expired:${charge.id}`, {
      subject: 'Your account has expired: the payment failed',
      text: `We tried ${DUNNING_RETRY_DAYS.length + 1} times to collect ${formatMoney(charge.total - charge.balancePaid, charge.currency)} and the payment failed each time (${reason}).\nYour account has expired; your data and event links are kept. Add a new payment method to come back: ${this.baseUrl()}/dashboard/billing\n`,
    });
    return true;
  }

  private scheduleRetry(tx: Writer, charge: ChargeRow, attempt: number): void {
    const waitDays = DUNNING_RETRY_DAYS[attempt - 1]! - (attempt > 1 ? DUNNING_RETRY_DAYS[attempt - 2]! : 0);
    const at = new Date(this.now().getTime() + waitDays * DAY_MS);
    this.jobs.add(tx, { kind: 'dunning', accountId: charge.accountId, runAt: at, key: `dunning:${charge.id}:${attempt}`, chargeId: charge.id, attempt });
    const amount = formatMoney(charge.total - charge.balancePaid, charge.currency);
    this.tell(tx, charge, 'payment-failed', `dunning:${charge.id}:${attempt}`, {
      subject: `Payment failed: ${amount}`,
      text: `We could not collect ${amount}${charge.failure ? ` (${charge.failure})` : ''}.\nWe will try again on ${at.toISOString().slice(0, 10)}` +
        ` (attempt ${attempt} of ${DUNNING_RETRY_DAYS.length}); after the last one the account expires.\nUpdate your payment method: ${this.baseUrl()}/dashboard/billing\n`,
    });
  }

  private tell(tx: Writer, charge: ChargeRow, kind: string, dedupeKey: string, content: { subject: string; text: string }): void {
    const to = tx.select({ email: users.email }).from(users).where(eq(users.accountId, charge.accountId)).orderBy(asc(users.createdAt)).get()?.email;
    if (!to) return;
    const html = content.text.split('\n').filter(Boolean).map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
    this.mail.enqueue({ accountId: charge.accountId, kind: `billing-${kind}`, to, dedupeKey, content: { ...content, html, attachments: [], headers: {} } }, tx);
  }
}
