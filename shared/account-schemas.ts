import * as v from 'valibot';

/** Valibot schemas of the account and authentication REST bodies and answers. */

export const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email('Enter a valid e-mail address.'));
/** Minimum 8 characters; long pass-phrases are welcome (argon2 hashes any length). */
export const Password = v.pipe(
  v.string(),
  v.minLength(8, 'The password needs at least 8 characters.'),
  v.maxLength(256, 'The password may have at most 256 characters.'),
);
export const PersonName = v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a name.'), v.maxLength(100));

export const SignupBody = v.object({
  email: Email,
  name: PersonName,
  password: Password,
  accountName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
});
export type SignupBody = v.InferOutput<typeof SignupBody>;

export const LoginBody = v.object({
  email: Email,
  password: v.pipe(v.string(), v.minLength(1, 'Enter your password.'), v.maxLength(256)),
});

export const AddUserBody = v.object({ email: Email, name: PersonName, password: Password });

export const PlanLimitsOut = v.object({
  maxAttendees: v.number(),
  maxAttendeesInDiscussion: v.number(),
  maxPresenters: v.number(),
  maxVideoStreams: v.number(),
  recordingMinutes: v.number(),
  storageMegabytes: v.number(),
  parallelEvents: v.number(),
});

export const UserOut = v.object({ id: v.string(), email: v.string(), name: v.string(), createdAt: v.string() });
export type UserOut = v.InferOutput<typeof UserOut>;

export const AccountOut = v.object({
  id: v.string(),
  name: v.string(),
  plan: v.string(),
  trialEndsAt: v.nullable(v.string()),
  limits: PlanLimitsOut,
});
export type AccountOut = v.InferOutput<typeof AccountOut>;

export const SessionOut = v.object({ user: UserOut, account: AccountOut });
export type SessionOut = v.InferOutput<typeof SessionOut>;

export const CreateApiKeyBody = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Give the key a name.'), v.maxLength(100)),
});

export const ApiKeyOut = v.object({
  id: v.string(),
  name: v.string(),
  /** The first characters of the key, enough to recognise it; the key itself is shown once. */
  prefix: v.string(),
  createdAt: v.string(),
  lastUsedAt: v.nullable(v.string()),
});
export type ApiKeyOut = v.InferOutput<typeof ApiKeyOut>;
export const CreatedApiKeyOut = v.object({ ...ApiKeyOut.entries, key: v.string() });
export type CreatedApiKeyOut = v.InferOutput<typeof CreatedApiKeyOut>;
