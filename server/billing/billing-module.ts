import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { users } from '../db/schema-accounts.ts';
import type { AppEnv } from '../http/context.ts';
import type { Logger } from '../logger.ts';
import { billingRoutes } from '../api/billing.ts';
import { stripeWebhookRoutes } from '../api/billing-webhooks.ts';
import { BillingJobs, type BillingJobKind, type BillingTx, BILLING_JOB_KINDS, jobKind } from './billing-jobs.ts';
import type { JobHandler } from '../jobs/job-scheduler.ts';
import { BillingBalance, type UsageReport, type UsageResult } from './billing-balance.ts';
import { Dunning } from './billing-dunning.ts';
import { BillingCollector, RECONCILE_EVERY_MS } from './billing-reconcile.ts';
import { BillingService } from './billing-service.ts';
import { BillingStore } from './billing-store.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { StripeGateway } from './stripe-gateway.ts';
import { StripeWebhooks } from './stripe-webhooks.ts';
import { SealedSecrets } from './sealed-secrets.ts';
import { TicketService } from './ticket-service.ts';
import { CapacityWatch } from './capacity-watch.ts';
import { SubAccountService } from './sub-account-service.ts';
import { subAccountRoutes } from '../api/billing-sub-accounts.ts';
import { PartnerService, REFERRAL_COOKIE } from './partner-service.ts';
import { partnerRoutes } from '../api/billing-partners.ts';
import { getCookie } from 'hono/cookie';
import { ticketRoutes } from '../api/billing-tickets.ts';
import type { EventsService } from '../domain/events-service.ts';
import type { MailQueue } from '../mail/mail-queue.ts';

export interface BillingDeps {
  config: Pick<Config, 'billing' | 'dataDir'>;
  db: Db;
  events: EventsService;
  /** The server's secret: organizers' Stripe keys are sealed with a key derived from it. */
  secret: string;
  baseUrl: () => string;
  logger: Logger;
  /** The shared mail queue (ticket confirmations). */
  mail: MailQueue;
  /** Billing's clock: days, boundaries, webhook tolerance. Tests move it. */
  now: () => Date;
}

export interface Billing {
  /** Mounted under /api/v1. */
  routes: Hono<AppEnv>;
  /** Mounted under /api/v1/webhooks, before any middleware (raw body). */
  webhooks: Hono;
  service: BillingService;
  store: BillingStore;
  /** Watches /auth/signup: the referral cookie's partner is credited with the new account (TERMS-1). */
  observeSignup: MiddlewareHandler<AppEnv>;
  /** Watches /auth/login: a suspended account comes back when someone of it logs in (BILL-5). */
  observeLogin: MiddlewareHandler<AppEnv>;
  /** The handlers of billing's durable jobs for the shared loop (`buildScheduling({ jobHandlers })`). */
  jobHandlers: Record<string, JobHandler>;
  /** BILL-8: a usage charge (toll-free minutes) from the prepaid balance first, the rest from the card. */
  chargeUsage(report: UsageReport): Promise<UsageResult>;
  /** Runs what is due on billing's clock now, then the gateway work (tests move the clock and call this). */
  runDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Plans, charges, invoices and Stripe (issue 13), built from the config and the database. */
export function buildBilling(deps: BillingDeps): Billing {
  const { db, logger, now } = deps;
  const cfg = deps.config.billing;
  const gateway: PaymentGateway | undefined = cfg.stripe ? new StripeGateway({ secretKey: cfg.stripe.secretKey, apiBase: cfg.stripeApiBase }) : undefined;
  // Ticket mail goes into the shared mail queue; the scheduling loop sends it (or it waits in the outbox).
  const tickets = new TicketService(db, deps.events, new SealedSecrets(deps.secret), (secretKey) => new StripeGateway({ secretKey, apiBase: cfg.stripeApiBase }), deps.mail, deps.baseUrl, logger, now);
  // PAID-3: cancelling an event tells everyone with a ticket (refunds stay the organizer's button).
  deps.events.onChange((change) => {
    if (change.type === 'deleting') tickets.eventCancelled(change.event);
  });
  const store = new BillingStore(db, cfg.seller, now);
  const partners = new PartnerService(db, deps.baseUrl, now);
  store.afterPaid = (tx, charge) => partners.accrue(tx, charge);
  const jobs = new BillingJobs(db, now);
  const service = new BillingService(db, store, jobs, gateway, logger, now, partners);
  const webhooks = gateway && cfg.stripe ? new StripeWebhooks(db, store, service, gateway, cfg.stripe.webhookSecret, logger, now, partners) : undefined;
  const balance = new BillingBalance(db, store, gateway, deps.baseUrl, logger, now, (charge) => service.collect(charge));
  webhooks?.onCheckout('topup', (tx, session) => balance.onCheckout(tx, session));
  const dunning = new Dunning(db, store, jobs, deps.mail, deps.baseUrl, logger, now, (tx, accountId) => service.expire(tx as BillingTx, accountId));
  store.afterFailed = (tx, charge) => dunning.started(tx, charge);
  const collector = new BillingCollector(db, store, gateway, () => service.collectOpen(), dunning, balance, tickets, logger, now);
  service.afterJobs = () => collector.pass();
  const reconcileKey = (at: Date) => `reconcile:${Math.floor(at.getTime() / RECONCILE_EVERY_MS)}`;
  const scheduleReconcile = (tx: Parameters<BillingJobs['add']>[0], from: Date) => {
    const at = new Date(from.getTime() + RECONCILE_EVERY_MS);
    jobs.add(tx, { kind: 'reconcile', accountId: '*', runAt: at, key: reconcileKey(at) });
  };
  service.jobWork = {
    dunning: (tx, job) => dunning.retryJob(tx, job),
    // Every quarter of an hour: the next one, trials that ran out, the near-capacity notices, the payouts' months, then the gateway work.
    reconcile: (tx, job) => {
      scheduleReconcile(tx, job.dueAt);
      service.expireTrials(tx);
      capacity.notifyAll();
      service.schedulePayouts();
    },
  };
  // After any billing job has committed, its gateway work (a renewal's charge, a retry) follows at once.
  const jobHandlers: Record<string, JobHandler> = Object.fromEntries(Object.entries(jobs.handlers((tx, job) => service.runJob(tx, job))).map(([kind, handler]) => [kind, (payload, tx, row) => {
    handler(payload, tx, row);
    collector.kick();
  }]));
  const userOf = (userId: string) => {
    const u = db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).get();
    if (!u) throw new Error(`no user ${userId}`);
    return u;
  };
  const capacity = new CapacityWatch(db, deps.mail, deps.baseUrl, now);
  // A deleted sub-account's bytes go with its rows: the file library's and the recordings' folders are named by their ids.
  const removeStored = (stored: { fileIds: string[]; recordingIds: string[] }) => {
    for (const id of stored.fileIds) rmSync(join(deps.config.dataDir, 'files', id), { recursive: true, force: true });
    for (const id of stored.recordingIds) rmSync(join(deps.config.dataDir, 'recordings', id), { recursive: true, force: true });
  };
  const subAccounts = new SubAccountService(db, store, jobs, deps.mail, deps.baseUrl, now, undefined, removeStored);
  service.onSubAccountDelete = (tx, accountId) => subAccounts.deleteJob(tx, accountId);
  const routes = new Hono<AppEnv>().route('/', billingRoutes({
    service, store, gateway, baseUrl: deps.baseUrl, userOf, nearCapacity: (accountId) => capacity.forAccount(accountId),
    isOperator: (userId) => cfg.operatorEmails.includes(userOf(userId).email.toLowerCase()),
    balance,
  })).route('/', ticketRoutes(tickets)).route('/', subAccountRoutes(subAccounts)).route('/', partnerRoutes({ partners, service, isOperator: (userId) => cfg.operatorEmails.includes(userOf(userId).email.toLowerCase()) }));

  return {
    routes,
    webhooks: stripeWebhookRoutes(webhooks, tickets),
    service,
    observeSignup: async (c, next) => {
      const code = getCookie(c, REFERRAL_COOKIE);
      await next();
      if (!code || c.req.method !== 'POST' || c.res.status >= 300) return;
      // The sign-up answer names no account (it must not reveal known addresses): the route leaves the new one's id on the context.
      const body = c.res.status === 201 ? await c.res.clone().json().catch(() => undefined) as { account?: { id?: string } } | undefined : undefined;
      const accountId = c.get('signedUpAccountId') ?? body?.account?.id;
      if (accountId) partners.attribute(accountId, code);
    },
    observeLogin: async (c, next) => {
      await next();
      if (c.req.method !== 'POST' || c.res.status !== 200) return;
      const body = await c.res.clone().json().catch(() => undefined) as { account?: { id?: string } } | undefined;
      const accountId = body?.account?.id;
      if (!accountId) return;
      // The log-in itself has succeeded whatever happens here; a refused resume (no card) waits for the plan page.
      await service.resumeOnLogin(accountId).catch((error: unknown) => logger.warn(`resume on log-in of ${accountId} failed: ${(error as Error).message}`));
    },
    store,
    jobHandlers,
    chargeUsage: (report) => balance.chargeUsage(report),
    runDue: async () => {
      capacity.notifyAll();
      await collector.idle();
      return service.runDueJobs();
    },
    start() {
      // Billing's own loop of old: what it left pending moves to the shared jobs table, once.
      const moved = jobs.migrateLegacy();
      if (moved > 0) logger.info(`billing: ${moved} pending job(s) moved from billing_jobs to the shared jobs loop`);
      db.transaction((tx) => scheduleReconcile(tx, new Date(now().getTime() - RECONCILE_EVERY_MS)));
      service.schedulePayouts();
      collector.kick();
    },
    async stop() {
      await collector.idle();
    },
  };
}

/**
 * The shared loop is built before billing (billing needs its mail queue), so the
 * composition root hands it these: each looks billing up when a job runs.
 */
export function billingJobHandlers(billing: () => Pick<Billing, 'jobHandlers'>): Record<string, JobHandler> {
  return Object.fromEntries(BILLING_JOB_KINDS.map((kind: BillingJobKind) => [jobKind(kind), ((payload, tx, job) => billing().jobHandlers[jobKind(kind)]!(payload, tx, job)) as JobHandler]));
}
