import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { BillingBalance } from './billing-balance.ts';
import type { Dunning } from './billing-dunning.ts';
import type { BillingStore } from './billing-store.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { applyInvoice } from './stripe-webhooks.ts';
import type { TicketService } from './ticket-service.ts';

/** An open invoice whose webhook has not come after this long is re-fetched from Stripe. */
export const RECONCILE_AFTER_MS = 60 * 60_000;
/** How often the reconciliation job runs. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

/**
 * Billing's gateway work after the durable jobs (which only write to the database):
 * charge open charges, make the retries dunning asked for, and reconcile anything left
 * open (invoices, top-ups, ticket checkouts whose webhook never came) by re-fetching it
 * from Stripe. One pass at a time; a kick during a pass runs one more after it.
 */
export class BillingCollector {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly store: BillingStore,
    private readonly gateway: PaymentGateway | undefined,
    private readonly collectOpen: () => Promise<void>,
    private readonly dunning: Dunning,
    private readonly balance: BillingBalance,
    private readonly tickets: TicketService,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Soon, after the caller's transaction (a job handler runs inside one). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.pass()).catch((error: unknown) => this.logger.error('billing collector failed', error)).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Waits for a running pass (stop, tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async pass(): Promise<void> {
    await this.collectOpen();
    if (this.gateway) {
      await this.dunning.retryPass(this.gateway);
      await this.invoices(this.gateway);
    }
    await this.balance.reconcile();
    await this.tickets.reconcile();
  }

  private async invoices(gateway: PaymentGateway): Promise<void> {
    for (const charge of this.store.openWithInvoice(new Date(this.now().getTime() - RECONCILE_AFTER_MS))) {
      try {
        const invoice = await gateway.retrieveInvoice(charge.gatewayInvoiceId!);
        this.db.transaction((tx) => applyInvoice(tx, this.store, invoice, false), { behavior: 'immediate' });
      } catch (error) {
        this.logger.warn(`invoice ${charge.gatewayInvoiceId} not reconciled: ${(error as Error).message}`);
      }
    }
  }
}
