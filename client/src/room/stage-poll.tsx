import { Check, ChevronDown, ChevronUp } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { PollResults, PublicPoll } from '../../../shared/poll-schemas.ts';
import { useT } from '../i18n/i18n.tsx';
import { PollAnswerForm, type AnswerPayload } from '../polls/poll-answer-form.tsx';
import { PollResultsBars } from '../polls/poll-results-bars.tsx';
import type { YourAnswer } from './use-room-connection.ts';

/**
 * The poll in the main window (ROOM-8). Attendees answer it once, then see that their
 * answer is in, and the results when the presenters share them (with the right answers
 * once a test has ended). Presenters see the live tally here; they do not answer.
 * It can be folded to a bar so it never hides the presenter for long.
 */
export function StagePoll({ poll, sharedResults, liveResults, staff, answers, errorSeq, onAnswer, testId = 'stage-poll' }: {
  poll: PublicPoll;
  sharedResults: PollResults | undefined;
  liveResults: PollResults | undefined;
  staff: boolean;
  /** This viewer's answers to this poll. */
  answers: YourAnswer[];
  /** Changes with each refusal from the room: a refused answer can be sent again. */
  errorSeq: number | undefined;
  onAnswer: (answers: AnswerPayload[]) => void;
  /** 'stage-poll' in the lane under the stage; the side panel's copy has its own. */
  testId?: string;
}) {
  const { t, tp } = useT();
  const [folded, setFolded] = useState(false);
  const [pending, setPending] = useState(false);
  useEffect(() => setPending(false), [errorSeq, answers.length]);

  const shared = sharedResults?.pollId === poll.id ? sharedResults : undefined;
  const live = liveResults?.pollId === poll.id ? liveResults : undefined;
  const answered = new Set(answers.map((a) => a.questionId));
  const mine = new Map(answers.map((a) => [a.questionId, 'choiceIds' in a.answer ? a.answer.choiceIds : []]));
  const running = poll.status === 'running';
  const results = staff ? (live ?? shared) : shared;

  let body;
  if (staff) {
    body = (
      <>
        <p className="stage-poll-note">{t(poll.resultsVisible ? 'poll.resultsShown' : 'poll.resultsPrivate')}</p>
        {results ? <PollResultsBars questions={poll.questions} results={results} /> : <p className="muted small">{tp('poll.answeredCount', 0)}</p>}
      </>
    );
  } else {
    const canAnswer = running && answered.size === 0 && !pending;
    body = (
      <>
        {canAnswer && <PollAnswerForm poll={poll} alreadyAnswered={answered} busy={pending} onSubmit={(list) => { setPending(true); onAnswer(list); }} />}
        {!canAnswer && answered.size > 0 && <p className="stage-poll-done" role="status" data-testid="poll-answered"><Check size={15} aria-hidden="true" /> {t('poll.thanks')}</p>}
        {!canAnswer && pending && answered.size === 0 && <p className="muted small" role="status">{t('poll.sending')}</p>}
        {shared && <PollResultsBars questions={poll.questions} results={shared} mine={mine} correctKnown={poll.status === 'ended'} />}
        {!shared && !canAnswer && !pending && (
          <p className="muted small">{t(running ? 'poll.resultsLater' : 'poll.closed')}</p>
        )}
      </>
    );
  }

  return (
    <section className={`stage-poll ${folded ? 'is-folded' : ''}`} aria-labelledby={`stage-poll-${poll.id}`} data-testid={testId}>
      <header className="stage-poll-head">
        <span className={`badge badge-xs ${poll.kind === 'test' ? 'badge-warning' : 'badge-accent'}`}>{t(poll.kind === 'test' ? 'poll.test' : 'poll.poll')}</span>
        <h3 id={`stage-poll-${poll.id}`} className="stage-poll-title">{poll.title}</h3>
        <span className={`poll-status poll-status-${poll.status}`}>{t(`pollStatus.${poll.status}`)}</span>
        <button type="button" className="icon-button" aria-expanded={!folded} aria-controls={`stage-poll-body-${poll.id}`} onClick={() => setFolded(!folded)}
          title={t(folded ? 'poll.unfold' : 'poll.fold')}>
          {folded ? <ChevronUp size={16} aria-hidden="true" /> : <ChevronDown size={16} aria-hidden="true" />}
          <span className="visually-hidden">{t(folded ? 'poll.unfold' : 'poll.fold')}</span>
        </button>
      </header>
      <div id={`stage-poll-body-${poll.id}`} className="stage-poll-body" hidden={folded}>{body}</div>
    </section>
  );
}
