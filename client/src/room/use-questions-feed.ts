import { useCallback, useMemo, useState } from 'react';
import { SERVER_MESSAGES, type QuestionView } from '../../../shared/room-messages.ts';
import type { FeedAttach } from './use-chat-feed.ts';

const STATE_ORDER: Record<QuestionView['state'], number> = { open: 0, answered: 1, dismissed: 2 };

/** Open questions first, then by votes, then oldest first (the server's order within a state). */
export function sortQuestions(list: Iterable<QuestionView>): QuestionView[] {
  return [...list].sort((a, b) =>
    STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.votes - a.votes || a.createdAt.localeCompare(b.createdAt));
}

/**
 * The Q&A list (ROOM-7). Staff always receive it; attendees only while Q&A is open, and
 * the whole list is sent again each time it opens, replacing what was kept.
 */
export function useQuestionsFeed() {
  const [questions, setQuestions] = useState<ReadonlyMap<string, QuestionView>>(new Map());

  const attach = useCallback<FeedAttach>((connection) => {
    const off = [
      connection.on(SERVER_MESSAGES.questions, (list: QuestionView[]) => setQuestions(new Map(list.map((q) => [q.id, q])))),
      connection.on(SERVER_MESSAGES.questionUpdate, (q: QuestionView) => setQuestions((current) => new Map(current).set(q.id, q))),
    ];
    return () => off.forEach((f) => f());
  }, []);

  const sorted = useMemo(() => sortQuestions(questions.values()), [questions]);
  return { questions: sorted, attach };
}
