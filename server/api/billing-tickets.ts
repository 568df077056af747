import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { SellerStripeBody, TicketCheckoutBody, TicketOrderOut, TicketPriceBody, TicketSalesOut } from '../../shared/billing-tickets.ts';
import { RedirectOut } from '../../shared/billing-schemas.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { TicketService } from '../billing/ticket-service.ts';

const tags = ['Tickets'];
const EventParam = v.object({ id: v.pipe(v.string(), v.regex(/^\d{1,12}$/, 'An event id is a number.'), v.transform(Number)) });
const OrderParam = v.object({ ...EventParam.entries, orderId: v.pipe(v.string(), v.maxLength(64)) });
const DecisionBody = v.strictObject({ decision: v.picklist(['confirm', 'reject'], 'Choose confirm or reject.') });

/** Paid webinars (PAID-1..3): the organizer's Stripe, prices and attendees' payments; the public checkout. */
export function ticketRoutes(tickets: TicketService) {
  return new Hono<AppEnv>()
    .put('/billing/tickets/stripe',
      describeRoute({ tags, summary: 'Connect your own Stripe account for ticket sales (keys stored encrypted)', responses: { 204: noContent('Saved'), 400: problem('Not a Stripe key') } }),
      signedIn,
      valid('json', SellerStripeBody),
      (c) => {
        tickets.connectStripe(requireCaller(c), c.req.valid('json'));
        return c.body(null, 204);
      })
    .put('/billing/tickets/events/:id/price',
      describeRoute({ tags, summary: 'Set an event\'s ticket price (minor units) and seats; refused above PAID-1\'s maximum or below Stripe\'s minimum', responses: { 204: noContent('Saved'), 400: problem('Price out of range') } }),
      signedIn,
      valid('param', EventParam),
      valid('json', TicketPriceBody),
      (c) => {
        tickets.setPrice(requireCaller(c), c.req.valid('param').id, c.req.valid('json'));
        return c.body(null, 204);
      })
    .get('/billing/tickets/events/:id',
      describeRoute({ tags, summary: 'Ticket sales of an event: price, seats taken, each attendee\'s payment status', responses: { 200: jsonContent(TicketSalesOut, 'Sales') } }),
      signedIn,
      valid('param', EventParam),
      (c) => c.json(tickets.sales(requireCaller(c), c.req.valid('param').id)))
    .post('/billing/tickets/events/:id/orders/:orderId/decision',
      describeRoute({ tags, summary: 'Confirm a payment made elsewhere, or reject someone (they are told)', responses: { 200: jsonContent(TicketOrderOut, 'The order'), 409: problem('Not waiting for a decision') } }),
      signedIn,
      valid('param', OrderParam),
      valid('json', DecisionBody),
      (c) => c.json(tickets.decide(requireCaller(c), c.req.valid('param').id, c.req.valid('param').orderId, c.req.valid('json').decision)))
    .post('/billing/tickets/events/:id/orders/:orderId/refund',
      describeRoute({ tags, summary: 'Refund a ticket (never automatic)', responses: { 200: jsonContent(TicketOrderOut, 'Refunded'), 409: problem('Not refundable') } }),
      signedIn,
      valid('param', OrderParam),
      async (c) => c.json(await tickets.refund(requireCaller(c), c.req.valid('param').id, c.req.valid('param').orderId)))
    .post('/billing/tickets/events/:id/orders/:orderId/resend',
      describeRoute({ tags, summary: 'Mail the ticket confirmation (Join button, personal token) again', responses: { 200: jsonContent(TicketOrderOut, 'Queued'), 409: problem('No ticket to resend') } }),
      signedIn,
      valid('param', OrderParam),
      (c) => c.json(tickets.resend(requireCaller(c), c.req.valid('param').id, c.req.valid('param').orderId)))
    .post('/tickets/events/:id/checkout',
      describeRoute({ tags, summary: 'Public: hold a seat and get the Stripe Checkout page (the price is the server\'s)', security: [], responses: { 200: jsonContent(v.object({ ...RedirectOut.entries, orderId: v.string() }), 'Where to pay'), 404: problem('No tickets for this event'), 409: problem('Sold out, or this address has a ticket') } }),
      valid('param', EventParam),
      valid('json', TicketCheckoutBody),
      async (c) => c.json(await tickets.checkout(c.req.valid('param').id, c.req.valid('json'))))
    .post('/tickets/orders/:orderId/return',
      describeRoute({ tags, summary: 'Public: the success page after Stripe; fulfils once if Stripe reports the session paid', security: [], responses: { 200: jsonContent(TicketOrderOut, 'The order'), 404: problem('No such order') } }),
      valid('param', v.object({ orderId: v.pipe(v.string(), v.maxLength(64)) })),
      async (c) => c.json(await tickets.returned(c.req.valid('param').orderId)));
}
