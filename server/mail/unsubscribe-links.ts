import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { mailUnsubscribes } from '../db/schema-mail.ts';
import type { MailLanguage } from '../../shared/registration-schemas.ts';
import { hmac, safeEqual } from '../domain/secrets.ts';

export interface UnsubscribeClaim {
  accountId: string;
  email: string;
  language: MailLanguage;
}

/**
 * One-click unsubscribe from reminder mail (GDPR-1). The link carries who and from
 * whom, signed with the server secret, so it needs no table of issued links and cannot
 * be forged to unsubscribe someone else.
 */
export class UnsubscribeLinks {
  constructor(private readonly db: Db, private readonly secret: string, private readonly baseUrl: () => string, private readonly now: () => Date = () => new Date()) {}

  url(claim: UnsubscribeClaim): string {
    const payload = Buffer.from(JSON.stringify([claim.accountId, claim.email, claim.language])).toString('base64url');
    return `${this.baseUrl()}/api/v1/mail/unsubscribe/${payload}.${this.sign(payload)}`;
  }

  read(token: string): UnsubscribeClaim | undefined {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || !safeEqual(signature, this.sign(payload))) return undefined;
    try {
      const [accountId, email, language] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as [string, string, MailLanguage];
      return { accountId, email, language: language === 'pl' ? 'pl' : 'en' };
    } catch {
      return undefined;
    }
  }

  unsubscribe(claim: UnsubscribeClaim): void {
    this.db.insert(mailUnsubscribes).values({ accountId: claim.accountId, email: claim.email, createdAt: this.now() }).onConflictDoNothing().run();
  }

  isUnsubscribed(accountId: string, email: string, db: Pick<Db, 'select'> = this.db): boolean {
    return db.select({ email: mailUnsubscribes.email }).from(mailUnsubscribes).where(and(eq(mailUnsubscribes.accountId, accountId), eq(mailUnsubscribes.email, email))).get() !== undefined;
  }

  private sign(payload: string): string {
    return hmac(this.secret, `unsubscribe:${payload}`).slice(0, 32);
  }
}
