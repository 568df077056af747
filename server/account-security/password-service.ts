import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { emailVerifications, passwordResets } from '../db/schema-account-recovery.ts';
import { sessions, users } from '../db/schema-accounts.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, tooManyRequests, unauthorized } from '../domain/app-error.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import { randomToken, sha256 } from '../domain/secrets.ts';
import type { MailQueue } from '../mail/mail-queue.ts';
import { accountLinkMail } from '../mail/templates/account-mails.ts';
import type { MailDelivery } from '../mail/mail-types.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';

/** ACC-4: a reset link works once, for an hour. */
export const RESET_LINK_MS = 60 * 60_000;
const QUARTER_HOUR = 15 * 60_000;

export interface PasswordServiceDeps {
  db: Db;
  mail: MailQueue;
  /** The server's own delivery, for an answer that is the same whoever asks. */
  serverDelivery: () => MailDelivery;
  baseUrl: () => string;
  wake: () => void;
  now?: () => Date;
}

/**
 * Forgotten passwords (an e-mailed single-use link) and password changes. Every answer
 * to a reset request is the same whether the address has an account or not; the
 * limits are per client address and per e-mail address, so nobody can flood a mailbox.
 */
export class PasswordService {
  private readonly byAddress = new RateLimiter(10, QUARTER_HOUR);
  private readonly byEmail = new RateLimiter(3, QUARTER_HOUR);
  private readonly changes = new RateLimiter(10, QUARTER_HOUR);
  private readonly now: () => Date;

  constructor(private readonly deps: PasswordServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  requestReset(email: string, address: string, language: MailLanguage): { accepted: true; delivery: MailDelivery } {
    const keys = [`ip:${address}`];
    if (!this.byAddress.take(...keys)) throw tooManyRequests('Too many reset requests from this address; try again later.', this.byAddress.retryAfterMs(...keys) / 1000);
    const answer = { accepted: true as const, delivery: this.deps.serverDelivery() };
    // Over the per-mailbox limit: answered like any other request, so the limit reveals nothing either.
    if (!this.byEmail.take(`email:${email}`)) return answer;
    const user = this.deps.db.select().from(users).where(eq(users.email, email)).get();
    if (!user) return answer;
    const token = randomToken(32);
    const now = this.now();
    this.deps.db.transaction((tx) => {
      tx.insert(passwordResets).values({ id: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_MS) }).run();
      this.deps.mail.enqueue({
        accountId: user.accountId,
        kind: 'password-reset',
        to: user.email,
        content: accountLinkMail('reset', { language, email: user.email, url: `${this.deps.baseUrl()}/reset-password#${token}` }),
      }, tx);
    });
    this.deps.wake();
    return answer;
  }

  /** Whether a link can still be used, so the page can say so before a new password is typed. */
  checkLink(token: string): { valid: true; expiresAt: string } {
    const row = this.usable(token);
    return { valid: true, expiresAt: row.expiresAt.toISOString() };
  }

  /** Sets the new password, spends the link (and every other open link of the user) and ends all sessions. */
  async reset(token: string, password: string): Promise<void> {
    const row = this.usable(token);
    const passwordHash = await hashPassword(password);
    const now = this.now();
    this.deps.db.transaction((tx) => {
      // Conditional: of two requests with one link, only the first changes the password.
      const spent = tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt))).run();
      if (spent.changes === 0) throw linkUsed();
      tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt))).run();
      tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
      tx.delete(sessions).where(eq(sessions.userId, row.userId)).run();
      // The link reached the mailbox: that confirms the address as well.
      tx.update(emailVerifications).set({ verifiedAt: now }).where(and(eq(emailVerifications.userId, row.userId), isNull(emailVerifications.verifiedAt))).run();
    });
  }

  /**
   * A signed-in user changes their password: the current one is required, and every
   * other session of the user ends (the one making the change stays).
   */
  async change(caller: Caller, currentSessionId: string | undefined, current: string, next: string): Promise<{ otherSessionsEnded: number }> {
    if (!this.changes.take(`user:${caller.userId}`)) throw tooManyRequests(undefined, this.changes.retryAfterMs(`user:${caller.userId}`) / 1000);
    const user = this.deps.db.select().from(users).where(eq(users.id, caller.userId)).get();
    if (!user) throw unauthorized();
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw new AppError('wrong-password', 400, 'The current password is not right.', [{ field: 'currentPassword', message: 'The current password is not right.' }]);
    }
    const passwordHash = await hashPassword(next);
    return this.deps.db.transaction((tx) => {
      tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
      tx.update(passwordResets).set({ usedAt: this.now() }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt))).run();
      const ended = tx.delete(sessions).where(currentSessionId
        ? and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId))
        : eq(sessions.userId, user.id)).run();
      return { otherSessionsEnded: ended.changes };
    });
  }

  private usable(token: string): typeof passwordResets.$inferSelect {
    const row = this.deps.db.select().from(passwordResets).where(eq(passwordResets.id, sha256(token))).get();
    if (!row) throw new AppError('reset-link-invalid', 400, 'This password reset link is not valid. Ask for a new one.');
    if (row.usedAt) throw linkUsed();
    if (row.expiresAt <= this.now()) throw new AppError('reset-link-expired', 410, 'This password reset link has expired (links work for one hour). Ask for a new one.');
    return row;
  }
}

const linkUsed = () => new AppError('reset-link-used', 410, 'This password reset link has already been used. Ask for a new one if you need to.');
