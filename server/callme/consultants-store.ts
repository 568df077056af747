import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { callmeConsultants, callmeConsultantSessions } from '../db/schema-callme.ts';
import type { ConsultantBody, ConsultantOut, ConsultantPatch } from '../../shared/callme-schemas.ts';
import { AppError, conflict, notFound, tooManyRequests } from '../domain/app-error.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import { hmac, newId, randomToken, safeEqual, sha256 } from '../domain/secrets.ts';

type Row = typeof callmeConsultants.$inferSelect;
export type ConsultantStatus = 'available' | 'busy';
export interface Consultant { id: string; accountId: string; email: string; firstName: string; lastName: string; mayReceiveCalls: boolean; emailChatHistory: boolean; status: ConsultantStatus; hasPhoto: boolean }

const SESSION_MS = 30 * 86_400_000;
const TICKET_MS = 5 * 60_000;
const toConsultant = (r: Row): Consultant => ({ id: r.id, accountId: r.accountId, email: r.email, firstName: r.firstName, lastName: r.lastName, mayReceiveCalls: r.mayReceiveCalls, emailChatHistory: r.emailChatHistory, status: r.status === 'busy' ? 'busy' : 'available', hasPhoto: r.photo !== null });

/**
 * Consultant accounts (CALL-4): a table of their own inside the organizer's account, with
 * their own session cookie. They are not dashboard users: they see the consultant app
 * only, never events, billing or API keys, and the organizer manages them like settings.
 */
export class ConsultantsStore {
  private readonly loginLimiter = new RateLimiter(10, 60_000);
  /** Package rooms listening for status changes: a consultant Busy in one package's call is Busy on every package's page. */
  private readonly statusListeners = new Set<(consultant: Consultant) => void>();

  constructor(private readonly db: Db, private readonly secret: string, private readonly now: () => Date = () => new Date()) {}

  async create(accountId: string, body: ConsultantBody): Promise<ConsultantOut> {
    if (this.db.select({ id: callmeConsultants.id }).from(callmeConsultants).where(eq(callmeConsultants.email, body.email)).get()) throw conflict('email-taken', 'A consultant with this e-mail already exists.');
    const id = newId();
    this.db.insert(callmeConsultants).values({ id, accountId, email: body.email, firstName: body.firstName, lastName: body.lastName, passwordHash: await hashPassword(body.password), mayReceiveCalls: body.mayReceiveCalls, emailChatHistory: body.emailChatHistory, status: 'busy', createdAt: this.now() }).run();
    return this.out(this.get(accountId, id));
  }

  async update(accountId: string, id: string, patch: ConsultantPatch): Promise<ConsultantOut> {
    this.get(accountId, id);
    const set: Partial<Row> = {};
    if (patch.email !== undefined) {
      const other = this.db.select({ id: callmeConsultants.id }).from(callmeConsultants).where(eq(callmeConsultants.email, patch.email)).get();
      if (other && other.id !== id) throw conflict('email-taken', 'A consultant with this e-mail already exists.');
      set.email = patch.email;
    }
    for (const key of ['firstName', 'lastName', 'mayReceiveCalls', 'emailChatHistory'] as const) if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
    if (patch.password !== undefined) set.passwordHash = await hashPassword(patch.password);
    if (Object.keys(set).length) this.db.update(callmeConsultants).set(set).where(eq(callmeConsultants.id, id)).run();
    return this.out(this.get(accountId, id));
  }

  delete(accountId: string, id: string): void {
    this.get(accountId, id);
    this.db.delete(callmeConsultants).where(eq(callmeConsultants.id, id)).run();
  }

  list(accountId: string): ConsultantOut[] {
    return this.db.select().from(callmeConsultants).where(eq(callmeConsultants.accountId, accountId)).orderBy(asc(callmeConsultants.createdAt)).all().map((r) => this.out(toConsultant(r)));
  }

  get(accountId: string, id: string): Consultant {
    const c = this.find(id);
    if (!c || c.accountId !== accountId) throw notFound('Consultant');
    return c;
  }

  find(id: string): Consultant | undefined {
    const row = this.db.select().from(callmeConsultants).where(eq(callmeConsultants.id, id)).get();
    return row ? toConsultant(row) : undefined;
  }

  ofAccount(accountId: string): Consultant[] {
    return this.db.select().from(callmeConsultants).where(eq(callmeConsultants.accountId, accountId)).orderBy(asc(callmeConsultants.createdAt)).all().map(toConsultant);
  }

  setStatus(id: string, status: ConsultantStatus): void {
    this.db.update(callmeConsultants).set({ status }).where(eq(callmeConsultants.id, id)).run();
    const consultant = this.find(id);
    if (consultant) for (const listener of this.statusListeners) listener(consultant);
  }

  /** Called after every status change (by hand or by a call), in this process; returns the unsubscribe. */
  onStatus(listener: (consultant: Consultant) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  setPhoto(accountId: string, id: string, photo: { data: Buffer; type: string } | null): ConsultantOut {
    this.get(accountId, id);
    this.db.update(callmeConsultants).set({ photo: photo?.data ?? null, photoType: photo?.type ?? null }).where(eq(callmeConsultants.id, id)).run();
    return this.out(this.get(accountId, id));
  }

  photo(id: string): { data: Buffer; type: string } | undefined {
    const row = this.db.select({ photo: callmeConsultants.photo, type: callmeConsultants.photoType }).from(callmeConsultants).where(eq(callmeConsultants.id, id)).get();
    return row?.photo && row.type ? { data: row.photo, type: row.type } : undefined;
  }

  async login(email: string, password: string, address: string): Promise<{ consultant: ConsultantOut; sessionToken: string }> {
    if (!this.loginLimiter.take(`ip:${address}`, `email:${email}`)) throw tooManyRequests();
    const row = this.db.select().from(callmeConsultants).where(eq(callmeConsultants.email, email)).get();
    const ok = row ? await verifyPassword(row.passwordHash, password) : false;
    if (!row || !ok) throw new AppError('wrong-credentials', 401, 'Wrong e-mail or password.');
    const sessionToken = randomToken(24);
    const now = this.now();
    this.db.insert(callmeConsultantSessions).values({ id: sha256(sessionToken), consultantId: row.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MS) }).run();
    return { consultant: this.out(toConsultant(row)), sessionToken };
  }

  logout(sessionToken: string): void {
    this.db.delete(callmeConsultantSessions).where(eq(callmeConsultantSessions.id, sha256(sessionToken))).run();
  }

  fromSession(sessionToken: string): Consultant | undefined {
    const s = this.db.select().from(callmeConsultantSessions).where(and(eq(callmeConsultantSessions.id, sha256(sessionToken)), gt(callmeConsultantSessions.expiresAt, this.now()))).get();
    return s ? this.find(s.consultantId) : undefined;
  }

  /** A short-lived signed ticket for the package room: the session cookie is httpOnly and never reaches a script. */
  roomTicket(consultantId: string): string {
    const body = `${consultantId}.${this.now().getTime() + TICKET_MS}`;
    return `${body}.${hmac(this.secret, `callme-consultant:${body}`)}`;
  }

  readTicket(ticket: string): Consultant | undefined {
    const [id, expires, sig] = ticket.split('.');
    if (!id || !expires || !sig || !safeEqual(sig, hmac(this.secret, `callme-consultant:${id}.${expires}`)) || Number(expires) < this.now().getTime()) return undefined;
    return this.find(id);
  }

  out(c: Consultant): ConsultantOut {
    return { id: c.id, email: c.email, firstName: c.firstName, lastName: c.lastName, mayReceiveCalls: c.mayReceiveCalls, emailChatHistory: c.emailChatHistory, status: c.status, photoUrl: c.hasPhoto ? `/api/v1/callme/public/consultants/${c.id}/photo` : null };
  }
}
