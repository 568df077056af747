import type { BalanceOut, BillingCommandBody, BillingProfileBody, BillingSummaryOut, ChargePreviewOut, CommandOut, OperatorAccountsOut, TopupOut } from '../../../shared/billing-schemas.ts';
import type { TicketOrderOut, TicketPriceBody, TicketSalesOut } from '../../../shared/billing-tickets.ts';
import type { PlanId } from '../../../shared/plans.ts';
import { request } from '../api/http.ts';

export interface SubAccount { id: string; name: string; email: string; userName: string; plan: string; status: string; deleteAt: string | null; createdAt: string }
export interface PartnerDashboard {
  code: string; link: string; rateBp: number; referrals: number; owed: Record<string, number>;
  entries: { kind: string; amount: number; currency: string; chargeId: string; paidOut: boolean; createdAt: string }[];
  payouts: Payout[];
}
export interface Payout { id: string; period: string; currency: string; amount: number; status: string; createdAt: string; paidAt: string | null; partnerAccountId?: string }

/** The billing pages' calls; the bodies are the shared valibot types, so client and server agree. */
export const billingApi = {
  summary: () => request<BillingSummaryOut>('GET', '/billing'),
  preview: (command: BillingCommandBody) => request<{ charge: ChargePreviewOut | null }>('POST', '/billing/preview', command),
  run: (command: BillingCommandBody) => request<CommandOut>('POST', '/billing/commands', command),
  saveProfile: (profile: BillingProfileBody) => request<void>('PUT', '/billing/profile', profile),
  nearCapacity: () => request<{ events: { eventId: number; name: string; registered: number; present: number; maxAttendees: number }[] }>('GET', '/billing/near-capacity'),
  addCard: () => request<{ url: string }>('POST', '/billing/payment-method'),
  balance: () => request<BalanceOut>('GET', '/billing/balance'),
  topup: (amount: number) => request<TopupOut>('POST', '/billing/topups', { amount }),
  checkTopup: (id: string) => request<TopupOut>('POST', `/billing/topups/${encodeURIComponent(id)}/check`),
  // Paid tickets (PAID-1..3).
  connectStripe: (keys: { secretKey: string; webhookSecret: string }) => request<void>('PUT', '/billing/tickets/stripe', keys),
  setPrice: (eventId: number, body: TicketPriceBody) => request<void>('PUT', `/billing/tickets/events/${eventId}/price`, body),
  sales: (eventId: number) => request<TicketSalesOut>('GET', `/billing/tickets/events/${eventId}`),
  decide: (eventId: number, orderId: string, decision: 'confirm' | 'reject') => request<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${orderId}/decision`, { decision }),
  refundTicket: (eventId: number, orderId: string) => request<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${orderId}/refund`),
  resendTicket: (eventId: number, orderId: string) => request<TicketOrderOut>('POST', `/billing/tickets/events/${eventId}/orders/${orderId}/resend`),
  // Sub-accounts (ACC-2, ACC-3).
  subAccounts: () => request<{ subAccounts: SubAccount[] }>('GET', '/sub-accounts'),
  createSubAccount: (body: { name: string; userName: string; email: string; plan: PlanId }) => request<SubAccount>('POST', '/sub-accounts', body),
  enterSubAccount: (id: string) => request<void>('POST', `/sub-accounts/${id}/enter`),
  setSubAccountPlan: (id: string, plan: PlanId) => request<void>('PUT', `/sub-accounts/${id}/plan`, { plan }),
  cancelSubAccount: (id: string) => request<SubAccount>('POST', `/sub-accounts/${id}/cancel`),
  deleteSubAccount: (id: string, confirm: string) => request<void>('POST', `/sub-accounts/${id}/delete`, { confirm }),
  // Partner programme (TERMS-1).
  partner: () => request<PartnerDashboard>('GET', '/billing/partner'),
  joinPartners: () => request<PartnerDashboard>('POST', '/billing/partner'),
  // The operator.
  operatorAccounts: () => request<OperatorAccountsOut>('GET', '/billing/operator/accounts'),
  assignPlan: (accountId: string, plan: PlanId) => request<void>('PUT', `/billing/operator/accounts/${encodeURIComponent(accountId)}/plan`, { plan }),
  payouts: () => request<{ payouts: Payout[] }>('GET', '/billing/operator/payouts'),
  payoutPaid: (id: string) => request<void>('POST', `/billing/operator/payouts/${id}/paid`),
  createPromo: (body: { code: string; percentOff: number; periods: number | null }) => request<void>('POST', '/billing/operator/promo-codes', body),
};
