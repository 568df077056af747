import type { BillingCommandBody, BillingProfileBody, BillingSummaryOut, ChargePreviewOut, CommandOut } from '../../../shared/billing-schemas.ts';
import { request } from '../api/http.ts';

/** The plan page's calls; the bodies are the shared valibot types, so client and server agree. */
export const billingApi = {
  summary: () => request<BillingSummaryOut>('GET', '/billing'),
  preview: (command: BillingCommandBody) => request<{ charge: ChargePreviewOut | null }>('POST', '/billing/preview', command),
  run: (command: BillingCommandBody) => request<CommandOut>('POST', '/billing/commands', command),
  saveProfile: (profile: BillingProfileBody) => request<void>('PUT', '/billing/profile', profile),
  nearCapacity: () => request<{ events: { eventId: number; name: string; registered: number; maxAttendees: number }[] }>('GET', '/billing/near-capacity'),
  addCard: () => request<{ url: string }>('POST', '/billing/payment-method'),
};
