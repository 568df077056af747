import type { PollResults } from '../../../shared/poll-schemas.ts';
import { CLIENT_MESSAGES } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PollResultsBars } from '../polls/poll-results-bars.tsx';
import type { StaffPoll } from './use-staff-feed.ts';

/**
 * One prepared or run poll in the presenters' list: start it, end it, show its results
 * to the attendees or hide them again; the live tally while it is in the main window.
 */
export function StaffPollCard({ poll, results, otherRunning, live, act }: {
  poll: StaffPoll;
  /** The live tally, when this poll is the one in the main window. */
  results: PollResults | undefined;
  otherRunning: boolean;
  live: boolean;
  act: (type: string, message?: unknown) => void;
}) {
  const { t, tp } = useT();
  const respondents = results?.respondents ?? poll.respondents;
  const pollId = poll.id;
  return (
    <li className={`staff-poll is-${poll.status}`} data-testid="staff-poll" aria-labelledby={`staff-poll-${pollId}`}>
      <div className="staff-poll-head">
        <span className={`badge badge-xs ${poll.kind === 'test' ? 'badge-warning' : 'badge-accent'}`}>{t(poll.kind === 'test' ? 'poll.test' : 'poll.poll')}</span>
        <h3 id={`staff-poll-${pollId}`} className="staff-poll-title">{poll.title}</h3>
        <span className={`poll-status poll-status-${poll.status}`}>{t(`pollStatus.${poll.status}`)}</span>
      </div>
      <p className="muted small">
        {tp('poll.questionCount', poll.questions.length)} · {tp('poll.respondents', respondents)}
        {poll.resultsVisible && <> · <strong>{t('poll.resultsShownShort')}</strong></>}
      </p>
      <div className="staff-poll-actions">
        {poll.status === 'draft' && (
          <Button size="sm" variant="primary" disabled={otherRunning || !live} onClick={() => act(CLIENT_MESSAGES.pollStart, { pollId })}
            title={otherRunning ? t('poll.endOtherFirst') : !live ? t('poll.startEventFirst') : undefined} data-testid="poll-start">
            {t('poll.start')}
          </Button>
        )}
        {poll.status === 'running' && (
          <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.pollEnd, { pollId })} data-testid="poll-end">{t('poll.end')}</Button>
        )}
        {poll.status !== 'draft' && (
          poll.resultsVisible
            ? <Button size="sm" variant="ghost" onClick={() => act(CLIENT_MESSAGES.pollShowResults, { pollId, visible: false })} data-testid="poll-hide-results">{t('poll.hideResults')}</Button>
            : <Button size="sm" variant="secondary" onClick={() => act(CLIENT_MESSAGES.pollShowResults, { pollId, visible: true })} data-testid="poll-show-results">{t('poll.showResults')}</Button>
        )}
      </div>
      {poll.status === 'draft' && otherRunning && <p className="muted small">{t('poll.endOtherFirst')}</p>}
      {results && <PollResultsBars questions={poll.questions} results={results} />}
    </li>
  );
}
