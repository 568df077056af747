import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { BalanceOut, BillingCommandBody, BillingProfileBody, BillingSummaryOut, ChargePreviewOut, CommandOut, OperatorAccountsOut, OperatorPlanBody, PromoCodeBody, RedirectOut, TopupBody, TopupOut } from '../../shared/billing-schemas.ts';
import type { BillingBalance } from '../billing/billing-balance.ts';
import { AppError, forbidden, notFound } from '../domain/app-error.ts';
import { newId } from '../domain/secrets.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { BillingService } from '../billing/billing-service.ts';
import type { BillingStore } from '../billing/billing-store.ts';
import type { PaymentGateway } from '../billing/payment-gateway.ts';
import { invoicePdf } from '../billing/invoice-pdf.ts';
import { invoicesCsv } from '../billing/invoice-csv.ts';

const tags = ['Billing'];
const AccountParam = v.object({ accountId: v.pipe(v.string(), v.maxLength(64)) });
const ChargeParam = v.object({ chargeId: v.pipe(v.string(), v.maxLength(64)) });
const TopupParam = v.object({ topupId: v.pipe(v.string(), v.maxLength(64)) });
const binary = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } });

export interface BillingRoutesDeps {
  service: BillingService;
  store: BillingStore;
  gateway: PaymentGateway | undefined;
  baseUrl: () => string;
  /** The caller's login e-mail and name, for the Stripe customer. */
  userOf: (userId: string) => { email: string; name: string };
  isOperator: (userId: string) => boolean;
  /** BILL-9: upcoming events with 90% of the plan's attendees registered. */
  nearCapacity: (accountId: string) => { eventId: number; name: string; registered: number; present: number; maxAttendees: number }[];
  balance: BillingBalance;
}

/** The plan page's API (issue 13 §8): prices, an exact preview, commands, the card, the billing profile. */
export function billingRoutes(deps: BillingRoutesDeps) {
  const { service, store, gateway } = deps;
  const operatorOnly = (userId: string) => {
    if (!deps.isOperator(userId)) throw forbidden('operator-only', 'Only the operator of this server may do this (OPERATOR_EMAILS).');
  };
  return new Hono<AppEnv>()
    .use('/billing', signedIn)
    .use('/billing/*', signedIn)
    .get('/billing',
      describeRoute({ tags, summary: 'The account\'s plan, period, add-ons, prices, balance and invoices', responses: { 200: jsonContent(BillingSummaryOut, 'Summary'), 401: problem('Not logged in') } }),
      (c) => c.json(service.summary(requireCaller(c).accountId)))
    .get('/billing/near-capacity',
      describeRoute({ tags, summary: 'Events with 90% of the plan\'s attendees registered (upcoming) or present (live): BILL-9, time to upgrade', responses: { 200: jsonContent(v.object({ events: v.array(v.object({ eventId: v.number(), name: v.string(), registered: v.number(), present: v.number(), maxAttendees: v.number() })) }), 'Events') } }),
      (c) => c.json({ events: deps.nearCapacity(requireCaller(c).accountId) }))
    .post('/billing/preview',
      describeRoute({ tags, summary: 'Exactly what a command would charge today, VAT included (nothing is saved)', responses: { 200: jsonContent(v.object({ charge: v.nullable(ChargePreviewOut) }), 'The charge, or null when nothing is charged today'), 409: problem('The command is not allowed now, with the reason') } }),
      valid('json', BillingCommandBody),
      (c) => c.json({ charge: service.preview(requireCaller(c).accountId, c.req.valid('json')) }))
    .post('/billing/commands',
      describeRoute({ tags, summary: 'Subscribe, change plan, add-ons, promo code, cancel, suspend, resume; the server decides every amount', responses: { 200: jsonContent(CommandOut, 'Done, with the charge made'), 400: problem('Invalid field'), 409: problem('Not allowed now, with the reason') } }),
      valid('json', BillingCommandBody),
      async (c) => c.json(await service.execute(requireCaller(c).accountId, c.req.valid('json'))))
    .get('/billing/balance',
      describeRoute({ tags, summary: 'The prepaid balance (BILL-8): amount, top-ups, and what usage took from it', responses: { 200: jsonContent(BalanceOut, 'Balance') } }),
      (c) => c.json(deps.balance.overview(requireCaller(c).accountId)))
    .post('/billing/topups',
      describeRoute({ tags, summary: 'Top up the balance: a Stripe Checkout page in payment mode, in the account\'s currency (the server checks the range)', responses: { 201: jsonContent(TopupOut, 'The top-up, with the page to pay on'), 400: problem('Amount out of range'), 409: problem('Payments are not configured') } }),
      valid('json', TopupBody),
      async (c) => c.json(await deps.balance.startTopup(requireCaller(c).accountId, c.req.valid('json').amount), 201))
    .post('/billing/topups/:topupId/check',
      describeRoute({ tags, summary: 'Back from Checkout: asks Stripe how the top-up stands and credits it once', responses: { 200: jsonContent(TopupOut, 'The top-up'), 404: problem('No such top-up in this account') } }),
      valid('param', TopupParam),
      async (c) => c.json(await deps.balance.check(requireCaller(c).accountId, c.req.valid('param').topupId)))
    .put('/billing/profile',
      describeRoute({ tags, summary: 'Name, address, country and VAT id on invoices; the zone billing days are counted in', responses: { 204: noContent('Saved'), 400: problem('Invalid field') } }),
      valid('json', BillingProfileBody),
      (c) => {
        store.setProfile(requireCaller(c).accountId, c.req.valid('json'));
        return c.body(null, 204);
      })
    .post('/billing/payment-method',
      describeRoute({ tags, summary: 'Start saving a card: a Stripe Checkout page in setup mode', responses: { 200: jsonContent(RedirectOut, 'Where to send the browser'), 409: problem('Payments are not configured') } }),
      async (c) => {
        const caller = requireCaller(c);
        if (!gateway) throw new AppError('payments-not-configured', 409, 'Payments are not set up on this server.');
        const row = store.account(caller.accountId);
        let customerId = row.gatewayCustomerId;
        if (!customerId) {
          const user = deps.userOf(caller.userId);
          customerId = (await gateway.ensureCustomer(caller.accountId, user.email, row.buyerName ?? user.name)).id;
          store.setCustomer(caller.accountId, customerId);
        }
        const back = `${deps.baseUrl()}/dashboard/billing`;
        // One key per click: Stripe's retries of this call reuse it, a later card (BILL-6) gets a session of its own.
        const session = await gateway.setupSession(caller.accountId, customerId, `${back}?card=saved`, back, newId());
        if (!session.url) throw new AppError('gateway-error', 502, 'Stripe did not return a Checkout page.');
        return c.json({ url: session.url });
      })
    .get('/billing/invoices/:chargeId/pdf',
      describeRoute({ tags, summary: 'The invoice as our own PDF (a pro forma while unpaid)', responses: { 200: binary('The invoice', 'application/pdf'), 404: problem('No such invoice in this account') } }),
      valid('param', ChargeParam),
      async (c) => {
        const caller = requireCaller(c);
        const charge = store.charge(c.req.valid('param').chargeId);
        if (!charge || charge.accountId !== caller.accountId) throw notFound('Invoice');
        const pdf = await invoicePdf(charge, store.account(caller.accountId), store.sellerInfo);
        const name = (charge.number ?? `pro-forma-${charge.id}`).replace(/[^A-Za-z0-9-]+/g, '-');
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="invoice-${name}.pdf"`, 'cache-control': 'private, no-store' });
      })
    .get('/billing/operator/invoices/csv',
      describeRoute({ tags, summary: 'Operator: every paid invoice in number order, as CSV for accounting', responses: { 200: binary('CSV', 'text/csv'), 403: problem('Not the operator') } }),
      (c) => {
        operatorOnly(requireCaller(c).userId);
        const csv = invoicesCsv(store.allPaid(), (id) => store.existing(id));
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="invoices.csv"' });
      })
    .get('/billing/operator/accounts',
      describeRoute({ tags, summary: 'Operator: every account with its plan and billing status (to assign plans by hand)', responses: { 200: jsonContent(OperatorAccountsOut, 'Accounts'), 403: problem('Not the operator') } }),
      (c) => {
        operatorOnly(requireCaller(c).userId);
        return c.json({ accounts: service.operatorAccounts() });
      })
    .put('/billing/operator/accounts/:accountId/plan',
      describeRoute({ tags, summary: 'Operator: assign a plan by hand (no charge)', responses: { 204: noContent('Assigned'), 403: problem('Not the operator'), 404: problem('No such account') } }),
      valid('param', AccountParam),
      valid('json', OperatorPlanBody),
      (c) => {
        operatorOnly(requireCaller(c).userId);
        try {
          service.assignPlan(c.req.valid('param').accountId, c.req.valid('json').plan);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('no account')) throw notFound('Account');
          throw error;
        }
        return c.body(null, 204);
      })
    .post('/billing/operator/promo-codes',
      describeRoute({ tags, summary: 'Operator: issue a promo code', responses: { 204: noContent('Created'), 403: problem('Not the operator'), 409: problem('The code exists') } }),
      valid('json', PromoCodeBody),
      (c) => {
        operatorOnly(requireCaller(c).userId);
        const b = c.req.valid('json');
        service.createPromo(b.code, b.percentOff, b.periods);
        return c.body(null, 204);
      });
}
