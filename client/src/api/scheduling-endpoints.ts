import type * as v from 'valibot';
import type { AppearanceBody } from '../../../shared/appearance-schemas.ts';
import type { ContactBody, ContactOut, GroupOut, ImportOut } from '../../../shared/contact-schemas.ts';
import type { EventOut, UpdateEventBody } from '../../../shared/event-schemas.ts';
import type { InviteBody, InviteOut } from '../../../shared/invitation-schemas.ts';
import type { MailDelivery, MailSettingsBody, MailSettingsOut, OutboxMessageFullOut, OutboxMessageOut, SmtpSettingsBody } from '../../../shared/mail-schemas.ts';
import type { ResentGuestOut } from '../../../shared/invitation-schemas.ts';
import type { BrandingOut, GuestOut, RegisterBody, RegistrationFormOut, RegistrationSettingsBody, RegistrationSettingsOut } from '../../../shared/registration-schemas.ts';
import type { TimelineEntryOut } from '../../../shared/timeline-schemas.ts';
import { ApiError, request } from './http.ts';

/** Typed calls of the scheduling endpoints (registration, invitations, address book, mail). */

type In<S extends v.GenericSchema> = v.InferInput<S>;
export interface ReminderSettings { minutesBefore: number[]; thankYouEmail: boolean; planned: { minutes: number; runAt: string }[] }

/** Sends a file as the raw body (CSV import, images), with the same error handling as JSON calls. */
async function upload<T>(method: 'POST' | 'PUT', path: string, file: Blob): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  const data = (await response.json().catch(() => undefined)) as any;
  if (!response.ok) throw new ApiError(response.status, data?.code ?? 'unknown', data?.title ?? response.statusText, data?.errors ?? []);
  return data as T;
}

export const schedulingApi = {
  update: (id: number, body: In<typeof UpdateEventBody>) => request<EventOut>('PATCH', `/events/${id}`, body),
  registration: (id: number) => request<RegistrationSettingsOut>('GET', `/events/${id}/registration`),
  saveRegistration: (id: number, body: In<typeof RegistrationSettingsBody>) => request<RegistrationSettingsOut>('PUT', `/events/${id}/registration`, body),
  form: (id: number) => request<RegistrationFormOut>('GET', `/events/${id}/registration/form`),
  register: (id: number, body: In<typeof RegisterBody>) => request<{ id: string; email: string; created: boolean; confirmationEmail: 'queued' | 'kept' | 'none' }>('POST', `/events/${id}/registrations`, body),
  guests: (id: number, source: 'registration' | 'invitation') => request<{ guests: GuestOut[] }>('GET', `/events/${id}/guests?source=${source}`),
  invite: (id: number, body: In<typeof InviteBody>) => request<InviteOut>('POST', `/events/${id}/invitations`, body),
  resend: (id: number, guestId: string) => request<ResentGuestOut>('POST', `/events/${id}/guests/${encodeURIComponent(guestId)}/resend`),
  removeGuest: (id: number, guestId: string) => request<void>('DELETE', `/events/${id}/guests/${encodeURIComponent(guestId)}`),
  branding: (id: number) => request<BrandingOut>('GET', `/events/${id}/appearance`),
  saveAppearance: (id: number, body: In<typeof AppearanceBody>) => request<BrandingOut>('PATCH', `/events/${id}/appearance`, body),
  uploadImage: (id: number, kind: 'logo' | 'background', file: File) => upload<BrandingOut>('PUT', `/events/${id}/appearance/${kind}`, file),
  removeImage: (id: number, kind: 'logo' | 'background') => request<void>('DELETE', `/events/${id}/appearance/${kind}`),
  reminders: (id: number) => request<ReminderSettings>('GET', `/events/${id}/reminders`),
  saveReminders: (id: number, body: { minutesBefore: number[]; thankYouEmail: boolean }) => request<ReminderSettings>('PUT', `/events/${id}/reminders`, body),
  contacts: (groupId?: string) => request<{ contacts: ContactOut[] }>('GET', `/contacts${groupId ? `?groupId=${encodeURIComponent(groupId)}` : ''}`),
  addContact: (body: In<typeof ContactBody>) => request<ContactOut>('POST', '/contacts', body),
  removeContact: (id: string) => request<void>('DELETE', `/contacts/${encodeURIComponent(id)}`),
  groups: () => request<{ groups: GroupOut[] }>('GET', '/contact-groups'),
  addGroup: (name: string) => request<GroupOut>('POST', '/contact-groups', { name }),
  removeGroup: (id: string) => request<void>('DELETE', `/contact-groups/${encodeURIComponent(id)}`),
  addToGroup: (groupId: string, contactIds: string[]) => request<GroupOut>('POST', `/contact-groups/${encodeURIComponent(groupId)}/members`, { contactIds }),
  importContacts: (file: File, groupId?: string) => upload<ImportOut>('POST', `/contacts/import${groupId ? `?groupId=${encodeURIComponent(groupId)}` : ''}`, new Blob([file], { type: 'text/csv' })),
  outbox: (eventId?: number) => request<{ delivery: MailDelivery; messages: OutboxMessageOut[] }>('GET', `/outbox${eventId ? `?eventId=${eventId}` : ''}`),
  message: (id: string) => request<OutboxMessageFullOut>('GET', `/outbox/${encodeURIComponent(id)}`),
  mailSettings: () => request<MailSettingsOut>('GET', '/account/mail-settings'),
  saveMailSettings: (body: In<typeof MailSettingsBody>) => request<MailSettingsOut>('PATCH', '/account/mail-settings', body),
  resendMessage: (id: string) => request<OutboxMessageOut>('POST', `/outbox/${encodeURIComponent(id)}/resend`),
  saveSmtp: (body: In<typeof SmtpSettingsBody>) => request<MailSettingsOut>('PUT', '/account/mail-settings/smtp', body),
  removeSmtp: () => request<MailSettingsOut>('DELETE', '/account/mail-settings/smtp'),
  testMail: () => request<OutboxMessageOut>('POST', '/account/mail-settings/test'),
  timeline: () => request<{ events: TimelineEntryOut[] }>('GET', '/timeline'),
};
