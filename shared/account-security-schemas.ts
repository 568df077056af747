import * as v from 'valibot';
import { Email, Password } from './account-schemas.ts';
import { MailDeliverySchema } from './mail-schemas.ts';

/** ACC-4: password reset by e-mailed link, password change, sign-up e-mail verification. */

/** The random part of an e-mailed link (32 bytes, base64url). */
const LinkToken = v.pipe(v.string(), v.minLength(16), v.maxLength(128), v.regex(/^[\w-]+$/, 'This link is not valid.'));

export const PasswordResetRequestBody = v.object({ email: Email });

/**
 * The same answer whether or not the address has an account. `delivery` is the
 * server's, so a screen can say honestly that no e-mail leaves when none is set up.
 */
export const PasswordResetRequestOut = v.object({ accepted: v.literal(true), delivery: MailDeliverySchema });

export const PasswordResetBody = v.object({ token: LinkToken, password: Password });
export const LinkTokenBody = v.object({ token: LinkToken });
export const LinkStatusOut = v.object({ valid: v.literal(true), expiresAt: v.string() });

export const ChangePasswordBody = v.object({
  currentPassword: v.pipe(v.string(), v.minLength(1, 'Enter your current password.'), v.maxLength(256)),
  newPassword: Password,
});
export const ChangePasswordOut = v.object({ otherSessionsEnded: v.number() });

/** Sign-up when the address must be confirmed first: the same answer for a new and a known address. */
/**
 * The answer to every sign-up, new address or known: either "check your mail" or (without
 * e-mail verification) "log in now with that password"; it never says whether the address had an account.
 */
export const SignupPendingOut = v.object({ verificationRequired: v.boolean(), email: v.string() });
export type SignupPendingOut = v.InferOutput<typeof SignupPendingOut>;
