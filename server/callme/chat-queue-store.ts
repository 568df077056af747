import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import Bowser from 'bowser';
import type { Db } from '../db/database.ts';
import { callmeChats, callmeMessages, callmeVisitors } from '../db/schema-callme.ts';
import { newId, randomToken, sha256 } from '../domain/secrets.ts';

export interface Visitor { id: string; packageId: string; address: string; os: string; browser: string }
export interface ChatLine { id: string; chatId: string; author: 'visitor' | 'consultant' | 'system'; kind: 'text' | 'call-proposal'; body: string; at: string }
export interface Chat { id: string; packageId: string; visitorId: string; state: 'queued' | 'active' | 'closed'; consultantId: string | null; queuedAt: Date }

type ChatRow = typeof callmeChats.$inferSelect;
const toChat = (r: ChatRow): Chat => ({ id: r.id, packageId: r.packageId, visitorId: r.visitorId, state: r.state as Chat['state'], consultantId: r.consultantId, queuedAt: r.queuedAt });
const toLine = (r: typeof callmeMessages.$inferSelect): ChatLine => ({ id: r.id, chatId: r.chatId, author: r.author as ChatLine['author'], kind: r.kind as ChatLine['kind'], body: r.body, at: r.createdAt.toISOString() });

/** "Windows 10 · Chrome 131": what the consultant sees of a visitor's browser (bowser, MIT). */
export function describeAgent(userAgent: string): { os: string; browser: string } {
  const parsed = Bowser.parse(userAgent);
  const join = (name?: string, version?: string) => [name, version].filter(Boolean).join(' ') || 'unknown';
  return { os: join(parsed.os.name, parsed.os.versionName ?? parsed.os.version), browser: join(parsed.browser.name, parsed.browser.version) };
}

/**
 * Visitors, chats and chat lines in SQLite: the queue's order is the chats' `queued_at`,
 * so a restarted room rebuilds it from here alone. Claiming is one conditional UPDATE
 * (state 'queued' → 'active'), so two consultants, even in two processes, never take
 * the same visitor.
 */
export class ChatQueueStore {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** A visitor by bearer token, or a new one; the token stays in the frame's (partitioned) storage. */
  visitor(packageId: string, token: string | undefined, address: string, userAgent: string): { visitor: Visitor; token: string } {
    const now = this.now();
    if (token) {
      const row = this.db.select().from(callmeVisitors).where(eq(callmeVisitors.tokenHash, sha256(token))).get();
      if (row && row.packageId === packageId) {
        this.db.update(callmeVisitors).set({ lastSeenAt: now, address, userAgent: userAgent.slice(0, 500) }).where(eq(callmeVisitors.id, row.id)).run();
        return { visitor: { id: row.id, packageId, address, ...describeAgent(userAgent) }, token };
      }
    }
    const fresh = randomToken(24);
    const id = newId();
    this.db.insert(callmeVisitors).values({ id, packageId, tokenHash: sha256(fresh), address, userAgent: userAgent.slice(0, 500), createdAt: now, lastSeenAt: now }).run();
    return { visitor: { id, packageId, address, ...describeAgent(userAgent) }, token: fresh };
  }

  visitorByToken(packageId: string, token: string): Visitor | undefined {
    const row = this.db.select().from(callmeVisitors).where(eq(callmeVisitors.tokenHash, sha256(token))).get();
    return row && row.packageId === packageId ? { id: row.id, packageId, address: row.address, ...describeAgent(row.userAgent) } : undefined;
  }

  visitorById(id: string): Visitor | undefined {
    const row = this.db.select().from(callmeVisitors).where(eq(callmeVisitors.id, id)).get();
    return row ? { id: row.id, packageId: row.packageId, address: row.address, ...describeAgent(row.userAgent) } : undefined;
  }

  /** The visitor's open chat (queued or active), if any. */
  openChat(visitorId: string): Chat | undefined {
    const row = this.db.select().from(callmeChats).where(and(eq(callmeChats.visitorId, visitorId), ne(callmeChats.state, 'closed'))).get();
    return row ? toChat(row) : undefined;
  }

  enqueue(packageId: string, visitorId: string): Chat {
    const open = this.openChat(visitorId);
    if (open) return open;
    const row = { id: newId(), packageId, visitorId, state: 'queued', consultantId: null, queuedAt: this.now(), claimedAt: null, closedAt: null };
    this.db.insert(callmeChats).values(row).run();
    return toChat(row);
  }

  /** Queued chats of a package, first come first served. */
  queue(packageId: string): Chat[] {
    return this.db.select().from(callmeChats).where(and(eq(callmeChats.packageId, packageId), eq(callmeChats.state, 'queued'))).orderBy(asc(callmeChats.queuedAt), asc(callmeChats.id)).all().map(toChat);
  }

  active(packageId: string): Chat[] {
    return this.db.select().from(callmeChats).where(and(eq(callmeChats.packageId, packageId), eq(callmeChats.state, 'active'))).all().map(toChat);
  }

  chat(id: string): Chat | undefined {
    const row = this.db.select().from(callmeChats).where(eq(callmeChats.id, id)).get();
    return row ? toChat(row) : undefined;
  }

  /** Takes a queued chat for a consultant; false when someone else was first. */
  claim(chatId: string, consultantId: string): boolean {
    const result = this.db.update(callmeChats).set({ state: 'active', consultantId, claimedAt: this.now() }).where(and(eq(callmeChats.id, chatId), eq(callmeChats.state, 'queued'))).run();
    return result.changes === 1;
  }

  close(chatId: string): void {
    this.db.update(callmeChats).set({ state: 'closed', closedAt: this.now() }).where(and(eq(callmeChats.id, chatId), inArray(callmeChats.state, ['queued', 'active']))).run();
  }

  append(chatId: string, author: ChatLine['author'], body: string, kind: ChatLine['kind'] = 'text'): ChatLine {
    const row = { id: newId(), chatId, author, kind, body, createdAt: this.now() };
    this.db.insert(callmeMessages).values(row).run();
    return toLine(row);
  }

  lines(chatId: string): ChatLine[] {
    return this.db.select().from(callmeMessages).where(eq(callmeMessages.chatId, chatId)).orderBy(asc(callmeMessages.createdAt), asc(callmeMessages.id)).all().map(toLine);
  }

  /** Earlier, closed chats of the same visitor, newest first, with their lines. */
  earlierChats(visitorId: string, exceptChatId: string): { chatId: string; at: string; lines: ChatLine[] }[] {
    return this.db.select().from(callmeChats).where(and(eq(callmeChats.visitorId, visitorId), eq(callmeChats.state, 'closed'), ne(callmeChats.id, exceptChatId))).orderBy(desc(callmeChats.queuedAt)).limit(10).all()
      .map((c) => ({ chatId: c.id, at: c.queuedAt.toISOString(), lines: this.lines(c.id) }));
  }

  /** How long the package's latest closed chats took, from "Start chat" to closing, in seconds (newest first). */
  recentDurations(packageId: string, limit: number): number[] {
    return this.db.select({ claimedAt: callmeChats.claimedAt, closedAt: callmeChats.closedAt }).from(callmeChats)
      .where(and(eq(callmeChats.packageId, packageId), eq(callmeChats.state, 'closed'), isNotNull(callmeChats.claimedAt), isNotNull(callmeChats.closedAt)))
      .orderBy(desc(callmeChats.closedAt)).limit(limit).all()
      .map((r) => (r.closedAt!.getTime() - r.claimedAt!.getTime()) / 1000);
  }

  histories(packageId: string, limit: number): (Chat & { closedAt: Date | null; lines: ChatLine[] })[] {
    return this.db.select().from(callmeChats).where(eq(callmeChats.packageId, packageId)).orderBy(desc(callmeChats.queuedAt)).limit(limit).all()
      .map((r) => ({ ...toChat(r), closedAt: r.closedAt, lines: this.lines(r.id) }));
  }
}
