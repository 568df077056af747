/**
 * The wait a queued visitor is shown (CALL-6): from how long this package's recent chats
 * really took and how many consultants are Available now. Pure, so it is unit-tested
 * without a room; the room feeds it the measured durations.
 */

/** Until a package has measured chats, one chat is taken to last this long. */
export const DEFAULT_CHAT_SECONDS = 180;
/** How many of the latest closed chats the typical duration is measured over. */
export const RECENT_CHATS = 20;
/** A chat closed at once (a mistake) or left open for hours says nothing about the next one. */
const SHORTEST_S = 30;
const LONGEST_S = 3600;

/**
 * The typical handling time of one chat, in seconds: the median of the recent measured
 * durations (a median, so one very long chat does not double everyone's estimate),
 * clamped to a sane range; the default when there is no history yet.
 */
export function typicalChatSeconds(durationsSeconds: readonly number[]): number {
  const known = durationsSeconds.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (known.length === 0) return DEFAULT_CHAT_SECONDS;
  const mid = Math.floor(known.length / 2);
  const median = known.length % 2 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
  return Math.round(Math.min(LONGEST_S, Math.max(SHORTEST_S, median)));
}

/**
 * Seconds until the visitor at `position` (1 = next) is likely taken. The available
 * consultants work the queue in parallel, one chat each: the visitor is in "wave"
 * ceil(position / consultants), and on average a consultant is halfway through the
 * chat in hand, so the first wave waits half a chat and each later wave a whole one.
 * With nobody Available we still count one consultant (someone comes back), rather
 * than showing no estimate at all.
 */
export function estimateWaitSeconds(position: number, availableConsultants: number, typicalSeconds: number): number {
  const consultants = Math.max(1, Math.floor(availableConsultants));
  const wave = Math.ceil(Math.max(1, position) / consultants);
  return Math.round((wave - 0.5) * typicalSeconds);
}

/** "about N min" as shown: whole minutes, never "about 0 min". */
export const estimateMinutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));
