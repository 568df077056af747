import type { WaitingEntry } from '../../shared/room-messages.ts';

/**
 * Who waits in an event's waiting room, told over the event's channel (Colyseus
 * presence) to its live room, which passes it to the host and presenters (ROOM-2): the
 * count in their header and the list with names and since when. Attendees never get it.
 */
export interface WaitingListNews {
  kind: 'waiting-list';
  entries: WaitingEntry[];
}

/** The live room asks for the list when it opens (the waiting room may be older). */
export const WAITING_LIST_REQUEST = 'waiting-list-request';

export function isWaitingListNews(news: unknown): news is WaitingListNews {
  return typeof news === 'object' && news !== null && (news as { kind?: unknown }).kind === 'waiting-list' && Array.isArray((news as { entries?: unknown }).entries);
}

/** One entry per participant (two tabs of one person are one person waiting), the earliest first. */
export function waitingEntries(clients: Iterable<{ participantId: string; name: string; since: Date }>): WaitingEntry[] {
  const byId = new Map<string, WaitingEntry>();
  for (const c of clients) {
    const known = byId.get(c.participantId);
    if (!known || known.since > c.since.toISOString()) byId.set(c.participantId, { id: c.participantId, name: c.name, since: c.since.toISOString() });
  }
  return [...byId.values()].sort((a, b) => a.since.localeCompare(b.since));
}
