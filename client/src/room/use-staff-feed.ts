import { useCallback, useState } from 'react';
import type { PollDefinition, PollResults, PollStatus } from '../../../shared/poll-schemas.ts';
import { SERVER_MESSAGES, type CtaStats, type RosterEntry, type WaitingEntry } from '../../../shared/room-messages.ts';
import type { FeedAttach } from './use-chat-feed.ts';

/** A poll as presenters see it: with the right answers, its status and how many answered. */
export interface StaffPoll extends PollDefinition {
  status: PollStatus;
  resultsVisible: boolean;
  respondents: number;
}

/** A reaction floating over the stage for a moment. */
export interface ReactionToast {
  key: number;
  name: string;
  reaction: string;
}

/** How long a reaction stays on screen, and how many may float at once. */
const REACTION_MS = 4000;
const MAX_REACTIONS = 6;

/**
 * What only hosts and presenters receive: the roster, the polls with their answers,
 * live results (at most ~10 a second), the call to action's clicks, reactions and who
 * waits in the waiting room.
 */
export function useStaffFeed() {
  const [roster, setRoster] = useState<ReadonlyMap<string, RosterEntry>>();
  const [polls, setPolls] = useState<StaffPoll[]>([]);
  const [liveResults, setLiveResults] = useState<PollResults>();
  const [ctaStats, setCtaStats] = useState<CtaStats>();
  const [reactions, setReactions] = useState<ReactionToast[]>([]);
  const [waiting, setWaiting] = useState<WaitingEntry[]>([]);

  const attach = useCallback<FeedAttach>((connection) => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    let next = 0;
    const off = [
      connection.on(SERVER_MESSAGES.roster, (entries: RosterEntry[]) => setRoster(new Map(entries.map((e) => [e.id, e])))),
      // The changes of one server tick together (a join storm brings hundreds at once).
      connection.on(SERVER_MESSAGES.rosterUpdate, (entries: RosterEntry[]) => setRoster((current) => {
        const next = new Map(current);
        for (const entry of entries) next.set(entry.id, entry);
        return next;
      })),
      connection.on(SERVER_MESSAGES.polls, (list: StaffPoll[]) => setPolls(list)),
      connection.on(SERVER_MESSAGES.waitingList, (list: WaitingEntry[]) => setWaiting(list)),
      connection.on(SERVER_MESSAGES.pollResults, (results: PollResults) => setLiveResults(results)),
      connection.on(SERVER_MESSAGES.ctaStats, (stats: CtaStats) => setCtaStats(stats)),
      connection.on(SERVER_MESSAGES.reaction, ({ name, reaction }: { name: string; reaction: string }) => {
        const key = next++;
        setReactions((current) => [...current.slice(-(MAX_REACTIONS - 1)), { key, name, reaction }]);
        const timer = setTimeout(() => {
          timers.delete(timer);
          setReactions((current) => current.filter((r) => r.key !== key));
        }, REACTION_MS);
        timers.add(timer);
      }),
    ];
    return () => {
      off.forEach((f) => f());
      timers.forEach(clearTimeout);
    };
  }, []);

  return { roster: roster ? [...roster.values()] : undefined, polls, liveResults, ctaStats, reactions, waiting, attach };
}
