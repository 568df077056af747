import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventAccessSettings } from '../db/schema-identity.ts';

/**
 * The event settings that decide who gets in besides the events row: the password kept
 * sealed so the organizer can read and send it out (joins are still checked against the
 * HMAC), and whether the shared presenter link is on. AES-256-GCM with a key derived
 * from the server secret: a copied database file alone does not reveal passwords.
 */
export class EventAccessStore {
  private readonly key: Buffer;

  constructor(private readonly db: Db, secret: string, private readonly now: () => Date = () => new Date()) {
    this.key = createHash('sha256').update(`event-password-seal:${secret}`).digest();
  }

  /** Null clears it (the event is no longer password-protected). */
  setPassword(eventId: string, password: string | null): void {
    this.upsert(eventId, { sealedPassword: password === null ? null : this.seal(password) });
  }

  password(eventId: string): string | null {
    const sealed = this.row(eventId)?.sealedPassword;
    return sealed ? this.unseal(sealed) : null;
  }

  sharedPresenterLink(eventId: string): boolean {
    return this.row(eventId)?.sharedPresenterLink ?? true;
  }

  setSharedPresenterLink(eventId: string, enabled: boolean): void {
    this.upsert(eventId, { sharedPresenterLink: enabled });
  }

  private row(eventId: string) {
    return this.db.select().from(eventAccessSettings).where(eq(eventAccessSettings.eventId, eventId)).get();
  }

  private upsert(eventId: string, patch: Partial<Pick<typeof eventAccessSettings.$inferInsert, 'sealedPassword' | 'sharedPresenterLink'>>): void {
    const updatedAt = this.now();
    this.db.insert(eventAccessSettings).values({ eventId, ...patch, updatedAt })
      .onConflictDoUpdate({ target: eventAccessSettings.eventId, set: { ...patch, updatedAt } }).run();
  }

  private seal(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  /** Null when the secret changed since it was sealed: the organizer then sets a new password. */
  private unseal(sealed: string): string | null {
    try {
      const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
