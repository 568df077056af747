import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accounts, apiKeys, sessions, users } from '../db/schema-accounts.ts';
import { PLANS, limitsFor, type LimitsSubject, type PlanId } from '../../shared/plans.ts';
import { limitsSubject } from '../billing/account-limits.ts';
import type { AccountOut, ApiKeyOut, CreatedApiKeyOut, SessionOut, SignupBody, UserOut } from '../../shared/account-schemas.ts';
import { AppError, conflict, notFound, tooManyRequests, unauthorized } from './app-error.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limiter.ts';
import { newId, randomToken, sha256 } from './secrets.ts';

const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Who is calling: resolved from the session cookie or an API key by the HTTP edge. */
export interface Caller {
  userId: string;
  accountId: string;
  via: 'session' | 'api-key';
}

type UserRow = typeof users.$inferSelect;
type AccountRow = typeof accounts.$inferSelect;

/** Accounts, users, dashboard sessions and API keys (ACC-1, ACC-2). */
export class AccountsService {
  /** Failed login attempts: 10 a minute per address, 5 a minute per account e-mail (a right password is not counted). */
  private readonly loginByAddress = new RateLimiter(10, 60_000);
  private readonly loginByEmail = new RateLimiter(5, 60_000);
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly db: Db, private readonly defaultPlan: PlanId = 'trial', private readonly now: () => Date = () => new Date()) {}

  async signup(body: SignupBody): Promise<{ session: SessionOut; sessionToken: string }> {
    if (this.findUserByEmail(body.email)) throw conflict('email-taken', 'An account with this e-mail already exists; log in instead.');
    const passwordHash = await hashPassword(body.password);
    const now = this.now();
    const plan = this.defaultPlan;
    const trialDays = PLANS[plan].trialDays;
    const account: AccountRow = {
      id: newId(),
      name: body.accountName ?? body.name,
      plan,
      trialEndsAt: trialDays ? new Date(now.getTime() + trialDays * DAY_MS) : null,
      createdAt: now,
    };
    const user: UserRow = { id: newId(), accountId: account.id, email: body.email, name: body.name, passwordHash, createdAt: now };
    try {
      this.db.transaction((tx) => {
        tx.insert(accounts).values(account).run();
        tx.insert(users).values(user).run();
      });
    } catch (error) {
      // Two sign-ups with one address at the same moment: the unique index decides.
      if (String(error).includes('UNIQUE')) throw conflict('email-taken', 'An account with this e-mail already exists; log in instead.');
      throw error;
    }
    return { session: this.sessionOut(user, account), sessionToken: this.createSession(user.id) };
  }

  async login(email: string, password: string, address: string): Promise<{ session: SessionOut; sessionToken: string }> {
    if (!this.loginByAddress.take(`ip:${address}`) || !this.loginByEmail.take(`email:${email}`)) throw tooManyRequests();
    const user = this.findUserByEmail(email);
    // Verify against a real hash even for an unknown address, so timing tells nothing.
    const ok = await verifyPassword(user?.passwordHash ?? (await this.getDummyHash()), password);
    if (!user || !ok) throw new AppError('wrong-credentials', 401, 'Wrong e-mail or password.');
    // The limits are against guessing: a right password does not use them up (sign-up logs in right after, for one).
    this.loginByAddress.forgive(`ip:${address}`);
    this.loginByEmail.forgive(`email:${email}`);
    return { session: this.sessionOut(user, this.getAccount(user.accountId)), sessionToken: this.createSession(user.id) };
  }

  logout(sessionToken: string): void {
    this.db.delete(sessions).where(eq(sessions.id, sha256(sessionToken))).run();
  }

  /** The caller behind a session cookie, or undefined when it is unknown or expired. */
  callerFromSession(sessionToken: string): Caller | undefined {
    const row = this.db
      .select({ userId: users.id, accountId: users.accountId, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sha256(sessionToken)))
      .get();
    if (!row || row.expiresAt <= this.now()) return undefined;
    return { userId: row.userId, accountId: row.accountId, via: 'session' };
  }

  callerFromApiKey(key: string): Caller | undefined {
    const row = this.db.select().from(apiKeys).where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt))).get();
    if (!row) return undefined;
    this.db.update(apiKeys).set({ lastUsedAt: this.now() }).where(eq(apiKeys.id, row.id)).run();
    return { userId: row.userId, accountId: row.accountId, via: 'api-key' };
  }

  me(caller: Caller): SessionOut {
    const user = this.db.select().from(users).where(eq(users.id, caller.userId)).get();
    if (!user) throw unauthorized();
    return this.sessionOut(user, this.getAccount(user.accountId));
  }

  getAccount(accountId: string): AccountRow {
    const account = this.db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    if (!account) throw notFound('Account');
    return account;
  }

  createApiKey(caller: Caller, name: string): CreatedApiKeyOut {
    const key = `wbk_${randomToken(24)}`;
    const row = {
      id: newId(),
      accountId: caller.accountId,
      userId: caller.userId,
      name,
      prefix: key.slice(0, 12),
      keyHash: sha256(key),
      createdAt: this.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.db.insert(apiKeys).values(row).run();
    return { ...apiKeyOut(row), key };
  }

  listApiKeys(caller: Caller): ApiKeyOut[] {
    return this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.accountId, caller.accountId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt))
      .all()
      .map(apiKeyOut);
  }

  revokeApiKey(caller: Caller, keyId: string): void {
    const result = this.db
      .update(apiKeys)
      .set({ revokedAt: this.now() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, caller.accountId), isNull(apiKeys.revokedAt)))
      .run();
    if (result.changes === 0) throw notFound('API key');
  }

  /** ACC-2: another login sharing this account and its data. */
  async addUser(caller: Caller, body: { email: string; name: string; password: string }): Promise<UserOut> {
    if (this.findUserByEmail(body.email)) throw conflict('email-taken', 'This e-mail already has a login.');
    const user: UserRow = {
      id: newId(),
      accountId: caller.accountId,
      email: body.email,
      name: body.name,
      passwordHash: await hashPassword(body.password),
      createdAt: this.now(),
    };
    this.db.insert(users).values(user).run();
    return userOut(user);
  }

  listUsers(caller: Caller): UserOut[] {
    return this.db.select().from(users).where(eq(users.accountId, caller.accountId)).orderBy(users.createdAt).all().map(userOut);
  }

  userName(userId: string): string {
    return this.db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? 'Host';
  }

  private createSession(userId: string): string {
    const token = randomToken(32);
    const now = this.now();
    this.db.insert(sessions).values({ id: sha256(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS) }).run();
    return token;
  }

  private findUserByEmail(email: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.email, email)).get();
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomToken());
    return this.dummyHash;
  }

  private sessionOut(user: UserRow, account: AccountRow): SessionOut {
    return { user: userOut(user), account: accountOut(account, limitsSubject(this.db, account.id, account.plan as PlanId)) };
  }
}

function userOut(user: UserRow): UserOut {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt.toISOString() };
}

function accountOut(account: AccountRow, subject: LimitsSubject): AccountOut {
  const plan = account.plan as PlanId;
  return {
    id: account.id,
    name: account.name,
    plan,
    trialEndsAt: account.trialEndsAt?.toISOString() ?? null,
    limits: { ...limitsFor(subject, new Date()) },
  };
}

function apiKeyOut(row: typeof apiKeys.$inferSelect): ApiKeyOut {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}
