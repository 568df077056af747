import Bowser from 'bowser';
import { and, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventTokens } from '../db/schema-events.ts';
import { personalLinkUses } from '../db/schema-identity.ts';
import type { LinkState, LinkUseOut, LinkUsesOut } from '../../shared/personal-link-schemas.ts';
import { newId } from './secrets.ts';
import type { EventRow } from './events-service.ts';

export type TokenRow = typeof eventTokens.$inferSelect;

/** The stable problem codes of a personal link that does not open the room, by state. */
export const LINK_REFUSALS = {
  invalid: { code: 'invalid-token', message: 'This link is not valid for this event.' },
  revoked: { code: 'token-revoked', message: 'This link is no longer valid: the organizer revoked it.' },
  used: { code: 'token-used', message: 'This link has already been used.' },
  expired: { code: 'token-expired', message: 'This link has expired.' },
} as const satisfies Record<Exclude<LinkState, 'valid'>, { code: string; message: string }>;

/** How many uses of one link the dashboard shows. */
const USES_SHOWN = 10;

function useOut(r: typeof personalLinkUses.$inferSelect): LinkUseOut {
  return { at: r.usedAt.toISOString(), device: r.device, address: r.address };
}

/** "Chrome 131 · Linux": enough for the organizer to tell two devices apart. */
export function deviceOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  return [browser, parsed.os.name].filter(Boolean).join(' · ').slice(0, 120) || null;
}

/**
 * Personal links (registration, invitation, organizer-made tokens, personal presenter
 * links): what state a token is in, and where it was used. A token is proof of who
 * someone is only while it is valid: not revoked, not expired, and, when single-use,
 * not yet used by someone.
 */
export class PersonalLinks {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  check(event: Pick<EventRow, 'id'>, token: string): { state: LinkState; row?: TokenRow } {
    const row = this.db.select().from(eventTokens).where(and(eq(eventTokens.token, token), eq(eventTokens.eventId, event.id))).get();
    if (!row) return { state: 'invalid' };
    if (row.revokedAt) return { state: 'revoked', row };
    if (row.expiresAt && row.expiresAt.getTime() <= this.now().getTime()) return { state: 'expired', row };
    if (row.singleUse && row.usedAt) return { state: 'used', row };
    return { state: 'valid', row };
  }

  /** An on-demand viewer (no participant) opened their personal link: it counts as used, as a join does. */
  markUsed(row: TokenRow): void {
    if (!row.usedAt) this.db.update(eventTokens).set({ usedAt: this.now() }).where(eq(eventTokens.id, row.id)).run();
  }

  recordUse(row: TokenRow, participantId: string | null, address: string | null, userAgent: string | undefined): void {
    this.db.insert(personalLinkUses).values({ id: newId(), eventId: row.eventId, tokenId: row.id, participantId, usedAt: this.now(), address, device: deviceOf(userAgent) }).run();
  }

  /** The latest uses of each token, newest first, and how many there are in all. */
  uses(tokenIds: string[]): Map<string, { latest: LinkUseOut[]; count: number }> {
    const found = new Map<string, { latest: LinkUseOut[]; count: number }>();
    if (tokenIds.length === 0) return found;
    const rows = this.db.select().from(personalLinkUses).where(inArray(personalLinkUses.tokenId, tokenIds)).orderBy(desc(personalLinkUses.usedAt), desc(personalLinkUses.id)).all();
    for (const r of rows) {
      const entry = found.get(r.tokenId) ?? { latest: [], count: 0 };
      if (entry.latest.length < USES_SHOWN) entry.latest.push(useOut(r));
      entry.count++;
      found.set(r.tokenId, entry);
    }
    return found;
  }

  /** The whole history of one link, a page at a time (keyset paging: newest first, stable while new uses arrive). */
  usesPage(tokenId: string, options: { cursor?: string | undefined; limit: number }): LinkUsesOut {
    const [atMs, id] = options.cursor ? [Number(options.cursor.slice(0, options.cursor.indexOf(':'))), options.cursor.slice(options.cursor.indexOf(':') + 1)] : [];
    const after = atMs === undefined || id === undefined ? undefined
      : or(lt(personalLinkUses.usedAt, new Date(atMs)), and(eq(personalLinkUses.usedAt, new Date(atMs)), lt(personalLinkUses.id, id)));
    const rows = this.db.select().from(personalLinkUses).where(and(eq(personalLinkUses.tokenId, tokenId), after))
      .orderBy(desc(personalLinkUses.usedAt), desc(personalLinkUses.id)).limit(options.limit + 1).all();
    const total = this.db.select({ n: count() }).from(personalLinkUses).where(eq(personalLinkUses.tokenId, tokenId)).get()?.n ?? 0;
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return { uses: page.map(useOut), total, nextCursor: rows.length > options.limit && last ? `${last.usedAt.getTime()}:${last.id}` : null };
  }

  /**
   * Single-use or reusable, after the link was made. A used link switched to single-use is
   * closed at once (someone already entered with it); switched back, it opens again.
   */
  setSingleUse(eventId: string, tokenId: string, singleUse: boolean): boolean {
    return this.db.update(eventTokens).set({ singleUse }).where(and(eq(eventTokens.id, tokenId), eq(eventTokens.eventId, eventId))).run().changes > 0;
  }

  /** Revoked, not deleted: the link then says "no longer valid" instead of "unknown". */
  revoke(eventId: string, tokenId: string): boolean {
    const result = this.db.update(eventTokens).set({ revokedAt: this.now() }).where(and(eq(eventTokens.id, tokenId), eq(eventTokens.eventId, eventId))).run();
    return result.changes > 0;
  }

  get(eventId: string, tokenId: string): TokenRow | undefined {
    return this.db.select().from(eventTokens).where(and(eq(eventTokens.id, tokenId), eq(eventTokens.eventId, eventId))).get();
  }
}
