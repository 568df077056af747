import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { accountMailTransports } from '../db/schema-mail-delivery.ts';
import type { MailDelivery, MailTransport } from './mail-types.ts';
import { SmtpTransport, type SmtpSettings } from './smtp-transport.ts';

type Row = typeof accountMailTransports.$inferSelect;

/** An account's own SMTP server as the dashboard shows it: never the password itself. */
export interface AccountSmtpView {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
  from: string;
}

/**
 * Which transport a message of an account goes through: the account's own SMTP server
 * (dashboard mail settings) when it has one, else the server's from `.env` (SMTP or
 * Resend), else none, and the message is kept in the outbox.
 */
export class MailTransports {
  private readonly cache = new Map<string, { updatedAt: number; transport: SmtpTransport }>();
  private readonly key: Buffer;

  constructor(
    private readonly db: Db,
    secret: string,
    private readonly server: MailTransport | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = createHash('sha256').update(`${secret}:smtp-password`).digest();
  }

  forAccount(accountId: string): MailTransport | undefined {
    const row = this.row(accountId);
    if (!row) return this.server;
    const cached = this.cache.get(accountId);
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.transport;
    cached?.transport.close();
    const transport = new SmtpTransport(this.settingsOf(row));
    this.cache.set(accountId, { updatedAt: row.updatedAt.getTime(), transport });
    return transport;
  }

  delivery(accountId: string): MailDelivery {
    return this.forAccount(accountId)?.name ?? 'outbox';
  }

  /** The server-wide transport from `.env`, whatever an account set up. */
  serverDelivery(): MailDelivery {
    return this.server?.name ?? 'outbox';
  }

  /** `account`: its own SMTP server; `server`: the one from `.env`; `none`: mail stays in the outbox. */
  source(accountId: string): 'account' | 'server' | 'none' {
    return this.row(accountId) ? 'account' : this.server ? 'server' : 'none';
  }

  accountSmtp(accountId: string): AccountSmtpView | null {
    const row = this.row(accountId);
    return row ? { host: row.host, port: row.port, secure: row.secure, user: row.user, hasPassword: row.passwordSealed !== null, from: row.from } : null;
  }

  /** Saves the account's SMTP server; a password left out keeps the stored one. */
  saveAccountSmtp(accountId: string, settings: Omit<SmtpSettings, 'password'> & { password?: string | undefined }): void {
    const existing = this.row(accountId);
    const passwordSealed = settings.password !== undefined
      ? (settings.password === '' ? null : this.seal(settings.password))
      : (existing?.passwordSealed ?? null);
    const values = { host: settings.host, port: settings.port, secure: settings.secure, user: settings.user || null, passwordSealed, from: settings.from, updatedAt: this.now() };
    this.db.insert(accountMailTransports).values({ accountId, ...values })
      .onConflictDoUpdate({ target: accountMailTransports.accountId, set: values }).run();
  }

  removeAccountSmtp(accountId: string): void {
    this.db.delete(accountMailTransports).where(eq(accountMailTransports.accountId, accountId)).run();
    this.cache.get(accountId)?.transport.close();
    this.cache.delete(accountId);
  }

  close(): void {
    for (const { transport } of this.cache.values()) transport.close();
    this.cache.clear();
  }

  private row(accountId: string): Row | undefined {
    return this.db.select().from(accountMailTransports).where(eq(accountMailTransports.accountId, accountId)).get();
  }

  private settingsOf(row: Row): SmtpSettings {
    return { host: row.host, port: row.port, secure: row.secure, user: row.user ?? undefined, password: row.passwordSealed ? this.open(row.passwordSealed) : undefined, from: row.from };
  }

  private seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  private open(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  }
}
