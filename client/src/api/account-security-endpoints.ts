import type * as v from 'valibot';
import type { SessionOut, SignupBody } from '../../../shared/account-schemas.ts';
import type { SignupPendingOut } from '../../../shared/account-security-schemas.ts';
import type { MailDelivery } from '../../../shared/mail-schemas.ts';
import { request } from './http.ts';

type In<S extends v.GenericSchema> = v.InferInput<S>;

/** Typed calls of the ACC-4 endpoints: password reset and change, sign-up with verification. */
export const accountSecurityApi = {
  /** 201 with a session, or 202 asking to confirm the address first. */
  signup: (body: In<typeof SignupBody>) => request<SessionOut | SignupPendingOut>('POST', '/auth/signup', body),
  requestReset: (email: string) => request<{ accepted: true; delivery: MailDelivery }>('POST', '/auth/password-reset', { email }),
  checkReset: (token: string) => request<{ valid: true; expiresAt: string }>('POST', '/auth/password-reset/check', { token }),
  reset: (token: string, password: string) => request<void>('POST', '/auth/password-reset/confirm', { token, password }),
  verifyEmail: (token: string) => request<{ email: string }>('POST', '/auth/verify-email', { token }),
  changePassword: (currentPassword: string, newPassword: string) => request<{ otherSessionsEnded: number }>('POST', '/account/password', { currentPassword, newPassword }),
};

export function isPending(answer: SessionOut | SignupPendingOut): answer is SignupPendingOut {
  return 'verificationRequired' in answer;
}
