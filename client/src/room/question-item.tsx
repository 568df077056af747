import type { QuestionView } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';

/**
 * One question of the Q&A list. Attendees can vote once for someone else's open
 * question; presenters publish it to the main window, mark it answered or dismiss it.
 */
export function QuestionItem({ question, staff, selfId, voted, published, qaOpen, onVote, onState, onPublish }: {
  question: QuestionView;
  staff: boolean;
  selfId: string;
  voted: boolean;
  published: boolean;
  qaOpen: boolean;
  onVote: () => void;
  onState: (state: QuestionView['state']) => void;
  onPublish: (publish: boolean) => void;
}) {
  const { t, tp } = useT();
  const own = question.participantId === selfId;
  const open = question.state === 'open';
  const canVote = !staff && open && !own && !voted && qaOpen;
  const voteHint = own ? t('qa.ownQuestion') : voted ? t('qa.voted') : !open ? t('qa.notOpen') : t('qa.upvote');
  return (
    <li className={`question is-${question.state} ${published ? 'is-published' : ''}`} data-testid="question">
      <div className="question-votes">
        {staff ? (
          <span className="vote-count" aria-label={tp('qa.votes', question.votes)}>▲ {question.votes}</span>
        ) : (
          <button type="button" className={`vote-button ${voted ? 'is-voted' : ''}`} disabled={!canVote} onClick={onVote}
            aria-label={`${voteHint} (${tp('qa.votes', question.votes)})`} title={voteHint} aria-pressed={voted} data-testid="vote-button">
            <span aria-hidden="true">▲</span> {question.votes}
          </button>
        )}
      </div>
      <div className="question-main">
        <p className="question-text">{question.text}</p>
        <p className="question-meta">
          <span>{own ? t('room.youAuthor') : question.authorName}</span>
          {published && <span className="badge badge-xs badge-live-soft">{t('qa.onStage')}</span>}
          {question.state !== 'open' && <span className={`badge badge-xs question-state-${question.state}`}>{t(`qa.state.${question.state}`)}</span>}
        </p>
        {staff && (
          <div className="question-actions">
            {question.state !== 'dismissed' && (
              published
                ? <Button size="sm" variant="secondary" onClick={() => onPublish(false)}>{t('qa.takeDown')}</Button>
                : <Button size="sm" variant="primary" onClick={() => onPublish(true)} disabled={!qaOpen} title={qaOpen ? undefined : t('qa.openFirst')} data-testid="publish-question">{t('qa.publish')}</Button>
            )}
            {question.state === 'open' && <Button size="sm" variant="ghost" onClick={() => onState('answered')}>{t('qa.markAnswered')}</Button>}
            {question.state === 'open' && <Button size="sm" variant="ghost" className="btn-danger-text" onClick={() => onState('dismissed')}>{t('qa.dismiss')}</Button>}
            {question.state !== 'open' && <Button size="sm" variant="ghost" onClick={() => onState('open')}>{t('qa.reopen')}</Button>}
          </div>
        )}
      </div>
    </li>
  );
}
