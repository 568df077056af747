import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { forbidden } from '../domain/app-error.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { BillingService } from '../billing/billing-service.ts';
import { REFERRAL_COOKIE, REFERRAL_DAYS, type PartnerService } from '../billing/partner-service.ts';

const tags = ['Partners'];
const PayoutOut = v.object({ id: v.string(), period: v.string(), currency: v.string(), amount: v.number(), status: v.string(), createdAt: v.string(), paidAt: v.nullable(v.string()) });
const PartnerOut = v.object({
  code: v.string(), link: v.string(), rateBp: v.number(), referrals: v.number(), owed: v.record(v.string(), v.number()),
  entries: v.array(v.object({ kind: v.string(), amount: v.number(), currency: v.string(), chargeId: v.string(), paidOut: v.boolean(), createdAt: v.string() })),
  payouts: v.array(PayoutOut),
});
const RefundBody = v.strictObject({ amount: v.optional(v.pipe(v.number(), v.integer('Minor units: a whole number.'), v.minValue(1, 'More than zero.'))) });
const Id = v.pipe(v.string(), v.maxLength(64));

export interface PartnerRoutesDeps {
  partners: PartnerService;
  service: BillingService;
  isOperator: (userId: string) => boolean;
}

/** The partner programme (TERMS-1): sign-up, referral links, the partner's dashboard, the operator's payouts and refunds. */
export function partnerRoutes({ partners, service, isOperator }: PartnerRoutesDeps) {
  const operatorOnly = (userId: string) => {
    if (!isOperator(userId)) throw forbidden('operator-only', 'Only the operator of this server may do this (OPERATOR_EMAILS).');
  };
  return new Hono<AppEnv>()
    .get('/partners/r/:code',
      describeRoute({ tags, summary: 'A referral link: remembers the partner for 30 days (the last link clicked wins), then opens sign-up', security: [], responses: { 302: noContent('To the sign-up page') } }),
      valid('param', v.object({ code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{4,16}$/, 'Not a referral code.')) })),
      (c) => {
        const code = c.req.valid('param').code;
        if (partners.partnerByCode(code)) setCookie(c, REFERRAL_COOKIE, code, { path: '/', maxAge: REFERRAL_DAYS * 86_400, httpOnly: true, sameSite: 'Lax' });
        return c.redirect('/signup', 302);
      })
    .post('/billing/partner',
      describeRoute({ tags, summary: 'Become a partner: get a referral link', responses: { 200: jsonContent(PartnerOut, 'The partner dashboard') } }),
      signedIn,
      (c) => c.json(partners.join(requireCaller(c))))
    .get('/billing/partner',
      describeRoute({ tags, summary: 'The partner dashboard: link, referred accounts, commission ledger, payouts', responses: { 200: jsonContent(PartnerOut, 'Dashboard'), 404: problem('Not a partner') } }),
      signedIn,
      (c) => c.json(partners.dashboard(requireCaller(c))))
    .get('/billing/operator/payouts',
      describeRoute({ tags, summary: 'Operator: payouts to make (partners owed at least the threshold)', responses: { 200: jsonContent(v.object({ payouts: v.array(v.object({ ...PayoutOut.entries, partnerAccountId: v.string() })) }), 'Payouts'), 403: problem('Not the operator') } }),
      signedIn,
      (c) => {
        operatorOnly(requireCaller(c).userId);
        return c.json({ payouts: partners.payouts() });
      })
    .post('/billing/operator/payouts/:payoutId/paid',
      describeRoute({ tags, summary: 'Operator: confirm a payout was sent', responses: { 204: noContent('Marked paid'), 403: problem('Not the operator'), 409: problem('Not pending') } }),
      signedIn,
      valid('param', v.object({ payoutId: Id })),
      (c) => {
        operatorOnly(requireCaller(c).userId);
        partners.markPaid(c.req.valid('param').payoutId);
        return c.body(null, 204);
      })
    .post('/billing/operator/charges/:chargeId/refund',
      describeRoute({ tags: ['Billing'], summary: 'Operator: refund a charge by hand (all, or an amount in minor units)', responses: { 204: noContent('Sent to Stripe; its webhook records it'), 403: problem('Not the operator'), 409: problem('Not refundable') } }),
      signedIn,
      valid('param', v.object({ chargeId: Id })),
      valid('json', RefundBody),
      async (c) => {
        operatorOnly(requireCaller(c).userId);
        await service.refund(c.req.valid('param').chargeId, c.req.valid('json').amount);
        return c.body(null, 204);
      });
}
