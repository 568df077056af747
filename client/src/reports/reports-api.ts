import type * as v from 'valibot';
import type { AccountStatsOut, EventReportOut, RatingBody } from '../../../shared/report-schemas.ts';
import type { WebhookDeliveryOut, WebhookEndpointBody, WebhookEndpointOut, WebhookEndpointPatch } from '../../../shared/webhook-schemas.ts';
import type { AttendeeErasureBody, AttendeeRectificationBody } from '../../../shared/gdpr-schemas.ts';
import { request } from '../api/http.ts';

/** Typed calls of the report, statistics, webhook and data-protection endpoints. */

type In<S extends v.GenericSchema> = v.InferInput<S>;

/** Downloads are plain links: the session cookie goes with them and the browser saves the file. */
export const downloadUrl = {
  reportCsv: (eventId: number) => `/api/v1/events/${eventId}/report.csv`,
  reportJson: (eventId: number) => `/api/v1/events/${eventId}/report.json`,
  statisticsCsv: () => '/api/v1/account/statistics.csv',
  accountExport: () => '/api/v1/account/export',
};

export const reportsApi = {
  report: (eventId: number) => request<EventReportOut>('GET', `/events/${eventId}/report`),
  statistics: () => request<AccountStatsOut>('GET', '/account/statistics'),
  rate: (eventId: number, body: In<typeof RatingBody>) => request<void>('POST', `/events/${eventId}/rating`, body),
};

export const webhooksApi = {
  endpoints: () => request<{ endpoints: WebhookEndpointOut[] }>('GET', '/webhook-endpoints'),
  create: (body: In<typeof WebhookEndpointBody>) => request<WebhookEndpointOut>('POST', '/webhook-endpoints', body),
  update: (id: string, body: In<typeof WebhookEndpointPatch>) => request<WebhookEndpointOut>('PATCH', `/webhook-endpoints/${encodeURIComponent(id)}`, body),
  remove: (id: string) => request<void>('DELETE', `/webhook-endpoints/${encodeURIComponent(id)}`),
  deliveries: () => request<{ deliveries: WebhookDeliveryOut[] }>('GET', '/webhook-deliveries?limit=200'),
  resend: (id: string) => request<WebhookDeliveryOut>('POST', `/webhook-deliveries/${encodeURIComponent(id)}/resend`),
};

export const privacyApi = {
  exportAttendee: (email: string) => request<unknown>('POST', '/attendee-data/export', { email }),
  eraseAttendee: (body: In<typeof AttendeeErasureBody>) => request<{ deleted: Record<string, number>; anonymised: Record<string, number> }>('POST', '/attendee-data/erasure', body),
  rectifyAttendee: (body: In<typeof AttendeeRectificationBody>) => request<{ updated: Record<string, number> }>('POST', '/attendee-data/rectification', body),
  eraseAccount: (confirm: string) => request<unknown>('POST', '/account/erasure', { confirm }),
};
