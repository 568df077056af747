import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, or, lt } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../db/database.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from '../db/schema-reports.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import { newId } from '../domain/secrets.ts';
import type { Logger } from '../logger.ts';
import type { WebhookDeliveryOut, WebhookEndpointOut, WebhookEventType } from '../../shared/webhook-schemas.ts';
import { retryDelay } from './backoff.ts';
import { urlProblem, type DestinationPolicy } from './destination-guard.ts';
import { TIMEOUT_MS, guardedPost } from './guarded-post.ts';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface WebhookOptions {
  policy: DestinationPolicy;
  /** Shrinks the retry schedule (tests); 1 in production. */
  backoffScale: number;
  logger: Logger;
  now?: () => Date;
}

const MAX_IN_FLIGHT = 16;
const IDLE_POLL_MS = 1_000;

/**
 * Outgoing webhooks (POST-4): endpoints per account, one durable delivery row per
 * message and endpoint, signed per Standard Webhooks on every attempt (same id, fresh
 * timestamp), retried on the back-off schedule. Deliveries run side by side, so an
 * endpoint that hangs holds up only its own (each attempt ends after 5 s).
 */
export class WebhookService {
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly now: () => Date;
  /** Accounts' subscribed types, so the room's joins and leaves cost a map look-up when nobody listens. */
  private readonly subscriptions = new Map<string, Set<string>>();

  constructor(private readonly db: Db, private readonly options: WebhookOptions) {
    this.now = options.now ?? (() => new Date());
  }

  // ---- endpoints ----

  list(accountId: string): WebhookEndpointOut[] {
    return this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, accountId)).orderBy(asc(webhookEndpoints.createdAt)).all().map(toEndpointOut);
  }

  create(accountId: string, body: { url: string; events: WebhookEventType[]; enabled: boolean }): WebhookEndpointOut {
    this.checkUrl(body.url);
    const row: EndpointRow = { id: newId(), accountId, url: body.url, eventTypes: [...new Set(body.events)], secret: `whsec_${randomBytes(32).toString('base64')}`, enabled: body.enabled, createdAt: this.now() };
    this.db.insert(webhookEndpoints).values(row).run();
    this.subscriptions.delete(accountId);
    return toEndpointOut(row);
  }

  update(accountId: string, id: string, patch: { url?: string | undefined; events?: WebhookEventType[] | undefined; enabled?: boolean | undefined }): WebhookEndpointOut {
    const row = this.endpoint(accountId, id);
    if (patch.url !== undefined) this.checkUrl(patch.url);
    const next = { ...row, ...(patch.url !== undefined && { url: patch.url }), ...(patch.events && { eventTypes: [...new Set(patch.events)] }), ...(patch.enabled !== undefined && { enabled: patch.enabled }) };
    this.db.update(webhookEndpoints).set({ url: next.url, eventTypes: next.eventTypes, enabled: next.enabled }).where(eq(webhookEndpoints.id, id)).run();
    this.subscriptions.delete(accountId);
    return toEndpointOut(next);
  }

  remove(accountId: string, id: string): void {
    this.endpoint(accountId, id);
    this.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run();
    this.subscriptions.delete(accountId);
  }

  // ---- messages ----

  /** Whether anyone in the account listens for `type` (cheap: cached per account). */
  wants(accountId: string, type: WebhookEventType): boolean {
    let types = this.subscriptions.get(accountId);
    if (!types) {
      types = new Set(this.db.select({ eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.enabled, true))).all().flatMap((e) => e.eventTypes as string[]));
      this.subscriptions.set(accountId, types);
    }
    return types.has(type);
  }

  /** Queues one message for every endpoint of the account that wants it; `data` is built only then. */
  emit(accountId: string, type: WebhookEventType, data: () => unknown, eventId: string | null = null): void {
    if (!this.wants(accountId, type)) return;
    const endpoints = this.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.accountId, accountId), eq(webhookEndpoints.enabled, true))).all()
      .filter((e) => (e.eventTypes as string[]).includes(type));
    const now = this.now();
    const payload = { type, timestamp: now.toISOString(), data: data() };
    this.db.insert(webhookDeliveries).values(endpoints.map((e) => ({
      id: `msg_${newId()}`, endpointId: e.id, accountId, eventType: type, eventId, payload, status: 'pending' as const, nextAttemptAt: now, createdAt: now,
    }))).run();
    this.wake();
  }

  deliveries(accountId: string, filter: { endpointId?: string | undefined; limit: number }): WebhookDeliveryOut[] {
    const rows = this.db.select({ d: webhookDeliveries, url: webhookEndpoints.url }).from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.accountId, accountId), filter.endpointId ? eq(webhookDeliveries.endpointId, filter.endpointId) : undefined))
      .orderBy(desc(webhookDeliveries.createdAt)).limit(filter.limit).all();
    const attempts = rows.length === 0 ? [] : this.db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.d.id))).orderBy(asc(webhookAttempts.createdAt)).all();
    return rows.map(({ d, url }) => ({
      id: d.id, endpointId: d.endpointId, url, eventType: d.eventType, status: d.status, attempts: d.attempts,
      lastStatusCode: d.lastStatusCode, lastError: d.lastError, lastResponse: d.lastResponse,
      nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null, createdAt: d.createdAt.toISOString(), deliveredAt: iso(d.deliveredAt),
      log: attempts.filter((a) => a.deliveryId === d.id).map((a) => ({ at: a.createdAt.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
    }));
  }

  /** "Resend": the same message (same id) goes out again now, whatever became of it. */
  resend(accountId: string, deliveryId: string): WebhookDeliveryOut {
    const row = this.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.accountId, accountId))).get();
    if (!row) throw notFound('Delivery');
    this.db.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: this.now(), deliveredAt: null, lockedUntil: null }).where(eq(webhookDeliveries.id, deliveryId)).run();
    this.wake();
    return this.deliveries(accountId, { limit: 1000 }).find((d) => d.id === deliveryId)!;
  }

  // ---- the delivery loop ----

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = Date.now() + TIMEOUT_MS + 500;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 0);
    this.timer.unref?.();
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.now();
    const free = MAX_IN_FLIGHT - this.inFlight.size;
    const due = free <= 0 ? [] : this.db.select().from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now))))
      .orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(free + this.inFlight.size).all().filter((d) => !this.inFlight.has(d.id)).slice(0, free);
    for (const delivery of due) {
      this.inFlight.add(delivery.id);
      void this.attempt(delivery).catch((error: unknown) => this.options.logger.error(`webhook ${delivery.id} failed`, error)).finally(() => {
        this.inFlight.delete(delivery.id);
        this.wake();
      });
    }
    // Sleep until the next retry falls due (at most a second, so other processes' rows are seen too).
    const next = this.db.select({ at: webhookDeliveries.nextAttemptAt }).from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending')).orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(1).get()?.at;
    const delay = next ? Math.min(IDLE_POLL_MS, Math.max(5, next.getTime() - now.getTime())) : IDLE_POLL_MS;
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref?.();
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const started = this.now();
    // Claim: another loop that read the same row finds it locked.
    const claimed = this.db.update(webhookDeliveries).set({ lockedUntil: new Date(started.getTime() + TIMEOUT_MS * 3) })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending'), or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, started)))).run();
    if (claimed.changes === 0) return;
    const endpoint = this.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).get();
    if (!endpoint) return;
    const body = JSON.stringify(delivery.payload);
    const signature = new Webhook(endpoint.secret).sign(delivery.id, started, body);
    const result = await guardedPost(endpoint.url, body, {
      'content-type': 'application/json',
      'user-agent': 'webinar-platform-webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(started.getTime() / 1000)),
      'webhook-signature': signature,
    }, this.options.policy);
    const finished = this.now();
    const attempts = delivery.attempts + 1;
    const ok = result.kind === 'answered' && result.status >= 200 && result.status < 300;
    const error = result.kind === 'answered' ? (ok ? null : `answered ${result.status}`) : result.reason;
    const delay = ok || result.kind === 'refused' ? undefined : retryDelay(attempts, this.options.backoffScale);
    const status: DeliveryRow['status'] = ok ? 'delivered' : result.kind === 'refused' ? 'refused' : delay === undefined ? 'failed' : 'pending';
    this.db.transaction((tx) => {
      tx.insert(webhookAttempts).values({ id: newId(), deliveryId: delivery.id, statusCode: result.kind === 'answered' ? result.status : null, error, durationMs: finished.getTime() - started.getTime(), createdAt: finished }).run();
      tx.update(webhookDeliveries).set({
        status,
        attempts,
        lockedUntil: null,
        lastStatusCode: result.kind === 'answered' ? result.status : null,
        lastError: error,
        lastResponse: result.kind === 'answered' ? result.body : null,
        nextAttemptAt: status === 'pending' ? new Date(finished.getTime() + delay!) : null,
        ...(ok && { deliveredAt: finished }),
      }).where(eq(webhookDeliveries.id, delivery.id)).run();
    });
    if (status === 'refused') this.options.logger.warn(`webhook ${delivery.id} to ${endpoint.url} refused: ${error}`);
  }

  private endpoint(accountId: string, id: string): EndpointRow {
    const row = this.db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.accountId, accountId))).get();
    if (!row) throw notFound('Webhook endpoint');
    return row;
  }

  private checkUrl(url: string): void {
    const problem = urlProblem(url, this.options.policy);
    if (problem) throw new AppError('validation', 400, `Invalid body: url (${problem}).`, [{ field: 'url', message: `This destination is not allowed: ${problem}.` }]);
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toEndpointOut = (row: EndpointRow): WebhookEndpointOut => ({ id: row.id, url: row.url, events: row.eventTypes as string[], enabled: row.enabled, secret: row.secret, createdAt: row.createdAt.toISOString() });
