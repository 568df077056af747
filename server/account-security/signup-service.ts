import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { emailVerifications } from '../db/schema-account-recovery.ts';
import { users } from '../db/schema-accounts.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import { AppError, tooManyRequests } from '../domain/app-error.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import { hashPassword } from '../domain/passwords.ts';
import { randomToken, sha256 } from '../domain/secrets.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { accountLinkMail } from '../mail/templates/account-mails.ts';
import type { SignupBody } from '../../shared/account-schemas.ts';
import type { SignupPendingOut } from '../../shared/account-security-schemas.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';

const VERIFY_LINK_MS = 24 * 60 * 60_000;
const HOUR = 60 * 60_000;

export interface SignupServiceDeps {
  db: Db;
  accounts: AccountsService;
  mail: MailQueue;
  /** REQUIRE_EMAIL_VERIFICATION (default: on when the server has a mail transport). */
  requireVerification: boolean;
  perHour: number;
  baseUrl: () => string;
  wake: () => void;
  now?: () => Date;
}

/** Always the same answer for a new and a known address; `accountId` (new accounts only) never leaves the server. */
export interface SignupResult {
  pending: SignupPendingOut;
  accountId?: string;
}

/**
 * Sign-up with a limit per client address and, when verification is on, an e-mailed
 * link to confirm the address before the first log-in. A known address always gets the
 * same answer as a new one (its owner is told by e-mail, or in the outbox, instead), so
 * the form never reveals who has an account. Without verification (no mail transport)
 * that answer is "created, now log in": the page logs in with the password just typed,
 * which opens a new account and a known one only for whoever knows its password, the
 * same as the log-in form.
 */
export class SignupService {
  private readonly byAddress: RateLimiter;
  private readonly now: () => Date;

  constructor(private readonly deps: SignupServiceDeps) {
    this.byAddress = new RateLimiter(deps.perHour, HOUR);
    this.now = deps.now ?? (() => new Date());
  }

  get verificationRequired(): boolean {
    return this.deps.requireVerification;
  }

  async signup(body: SignupBody, address: string, language: MailLanguage): Promise<SignupResult> {
    const key = `ip:${address}`;
    if (!this.byAddress.take(key)) throw tooManyRequests('Too many sign-ups from this address; try again later.', this.byAddress.retryAfterMs(key) / 1000);
    const verificationRequired = this.deps.requireVerification;
    const pending: SignupResult = { pending: { verificationRequired, email: body.email } };
    const existing = this.deps.db.select().from(users).where(eq(users.email, body.email)).get();
    if (existing) {
      // As long as a real sign-up (which hashes the password), so timing tells nothing either.
      await hashPassword(body.password);
      // Not confirmed, and the link has expired: a fresh one, since that is what stands between them and a log-in.
      if (!this.mailNewVerificationLink(existing, language)) this.mailOwner(existing, language);
      return pending;
    }
    let created: Awaited<ReturnType<AccountsService['signup']>>;
    try {
      created = await this.deps.accounts.signup(body);
    } catch (error) {
      // Lost a race with another sign-up of the same address: answered like any known address.
      if (error instanceof AppError && error.code === 'email-taken') return pending;
      throw error;
    }
    // No session from the sign-up itself (a known address could not get one): the log-in gives it.
    this.deps.accounts.logout(created.sessionToken);
    const done: SignupResult = { ...pending, accountId: created.session.account.id };
    if (!verificationRequired) return done;
    const token = randomToken(32);
    const now = this.now();
    const user = created.session.user;
    this.deps.db.transaction((tx) => {
      tx.insert(emailVerifications).values({ id: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + VERIFY_LINK_MS) }).run();
      this.deps.mail.enqueue({
        accountId: created.session.account.id,
        kind: 'email-verification',
        to: user.email,
        content: accountLinkMail('verify', { language, email: user.email, url: `${this.deps.baseUrl()}/verify-email#${token}` }),
      }, tx);
    });
    this.deps.wake();
    return done;
  }

  /** Confirms the address of the link; the user can log in from now on. */
  verify(token: string): { email: string } {
    const row = this.deps.db.select().from(emailVerifications).where(eq(emailVerifications.id, sha256(token))).get();
    if (!row) throw new AppError('verification-link-invalid', 400, 'This confirmation link is not valid.');
    const user = this.deps.db.select().from(users).where(eq(users.id, row.userId)).get();
    if (!user) throw new AppError('verification-link-invalid', 400, 'This confirmation link is not valid.');
    if (row.verifiedAt) return { email: user.email };
    if (row.expiresAt <= this.now()) throw new AppError('verification-link-expired', 410, 'This confirmation link has expired. Sign up again to get a new one.');
    this.deps.db.update(emailVerifications).set({ verifiedAt: this.now() }).where(and(eq(emailVerifications.id, row.id), isNull(emailVerifications.verifiedAt))).run();
    return { email: user.email };
  }

  /** Refuses a log-in of a user whose address is not confirmed yet (checked after the password, so it reveals nothing). */
  assertVerified(userId: string): void {
    const pendingRow = this.deps.db.select({ id: emailVerifications.id }).from(emailVerifications)
      .where(and(eq(emailVerifications.userId, userId), isNull(emailVerifications.verifiedAt))).get();
    if (pendingRow) throw new AppError('email-not-verified', 403, 'Confirm your e-mail address first: open the link we e-mailed you.');
  }

  /**
   * A known address whose confirmation link expired unused gets a new link (at most one an
   * hour). While the first link still works it is left alone, so nobody can void it by signing
   * up with someone else's address. False when there is no expired link to replace.
   */
  private mailNewVerificationLink(user: typeof users.$inferSelect, language: MailLanguage): boolean {
    if (!this.deps.requireVerification) return false;
    const row = this.deps.db.select().from(emailVerifications).where(and(eq(emailVerifications.userId, user.id), isNull(emailVerifications.verifiedAt))).get();
    const now = this.now();
    if (!row || row.expiresAt > now) return false;
    const token = randomToken(32);
    this.deps.db.transaction((tx) => {
      const written = this.deps.mail.enqueue({
        accountId: user.accountId,
        kind: 'email-verification',
        to: user.email,
        content: accountLinkMail('verify', { language, email: user.email, url: `${this.deps.baseUrl()}/verify-email#${token}` }),
        dedupeKey: `signup-verify:${user.id}:${Math.floor(now.getTime() / HOUR)}`,
      }, tx);
      // Only a link that was mailed replaces the one before it.
      if (written) tx.update(emailVerifications).set({ id: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + VERIFY_LINK_MS) }).where(eq(emailVerifications.id, row.id)).run();
    });
    this.deps.wake();
    return true;
  }

  private mailOwner(user: typeof users.$inferSelect, language: MailLanguage): void {
    this.deps.mail.enqueue({
      accountId: user.accountId,
      kind: 'signup-existing',
      to: user.email,
      content: accountLinkMail('exists', { language, email: user.email, url: `${this.deps.baseUrl()}/login` }),
      // At most one such note per address and hour: repeated attempts do not flood the mailbox.
      dedupeKey: `signup-existing:${user.id}:${Math.floor(this.now().getTime() / HOUR)}`,
    });
    this.deps.wake();
  }
}
