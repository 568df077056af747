import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { AppError } from '../domain/app-error.ts';
import type { StripeWebhooks } from '../billing/stripe-webhooks.ts';
import type { TicketService } from '../billing/ticket-service.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';

/** Stripe's events are well under this; anything bigger is not from Stripe. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * `POST /webhooks/stripe`: mounted before every other middleware, so the body is read
 * as the exact bytes Stripe signed. Without Stripe keys the endpoint answers 404: there
 * is no secret to check a signature with, so nothing could be genuine.
 */
export function stripeWebhookRoutes(webhooks: StripeWebhooks | undefined, tickets: TicketService) {
  return new Hono().post('/stripe/accounts/:accountId',
    describeRoute({
      tags: ['Webhooks'], summary: 'An organizer\'s own Stripe webhook for ticket sales, signed with that organizer\'s secret', security: [],
      responses: { 200: jsonContent(v.object({ received: v.boolean(), outcome: v.string() }), 'Accepted'), 401: problem('Unsigned, wrongly signed or older than 300 s'), 404: problem('This account sells no tickets') },
    }),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('payload-too-large', 413, 'This is not a Stripe webhook.'); } }),
    async (c) => {
      const body = await c.req.text();
      const outcome = await tickets.webhook(c.req.param('accountId').slice(0, 64), body, c.req.header('stripe-signature'));
      return c.json({ received: true, outcome });
    }).post('/stripe',
    describeRoute({
      tags: ['Webhooks'], summary: 'Stripe webhook (invoices, Checkout sessions), signed by Stripe', security: [],
      responses: { 200: jsonContent(v.object({ received: v.boolean(), outcome: v.string() }), 'Accepted (also a repeat, which has no effect)'), 401: problem('Unsigned, wrongly signed or older than 300 s'), 404: problem('Stripe is not configured') },
    }),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('payload-too-large', 413, 'This is not a Stripe webhook.'); } }),
    async (c) => {
      if (!webhooks) throw new AppError('not-configured', 404, 'Stripe is not configured on this server.');
      const body = await c.req.text();
      const outcome = await webhooks.handle(body, c.req.header('stripe-signature'));
      return c.json({ received: true, outcome });
    });
}
