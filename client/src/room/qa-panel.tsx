import { useState, type FormEvent } from 'react';
import { CHAT_MAX_LENGTH, CLIENT_MESSAGES, type QuestionView } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { LiveView } from './live-view.ts';
import { QuestionItem } from './question-item.tsx';
import { RoomSwitch } from './room-switch.tsx';

/**
 * The Q&A tab (ROOM-7). Presenters open and close Q&A and work through the list;
 * attendees ask, and vote for others' questions, while it is open. Closed Q&A hides the
 * list from attendees.
 */
export function QaPanel({ live, staff, selfId, questions, votedIds, act, onAsk }: {
  live: LiveView;
  staff: boolean;
  selfId: string;
  questions: QuestionView[];
  votedIds: ReadonlySet<string>;
  act: (type: string, message?: unknown) => void;
  onAsk: (text: string) => boolean;
}) {
  const { t } = useT();
  const isLive = live.status === 'live';
  const visible = staff ? questions : questions.filter((q) => q.state !== 'dismissed');
  return (
    <>
      <div className="panel-head">
        <h2 className="panel-title">{t('qa.title')}</h2>
        {staff ? (
          <RoomSwitch checked={live.qaOpen} label={t('qa.open')} onChange={(open) => act(CLIENT_MESSAGES.setQaOpen, { open })} testId="qa-switch" />
        ) : (
          <span className={`badge ${live.qaOpen ? 'badge-success' : 'badge-muted'}`}>{t(live.qaOpen ? 'qa.isOpen' : 'qa.isClosed')}</span>
        )}
      </div>
      <div className="panel-scroll">
        {staff && !live.qaOpen && <p className="panel-note">{t('qa.closedStaff')}</p>}
        {!staff && !live.qaOpen ? (
          <div className="panel-empty" data-testid="qa-closed">
            <p className="panel-empty-title">{t('qa.closedTitle')}</p>
            <p className="muted small">{t('qa.closedText')}</p>
          </div>
        ) : (
          <>
            {!staff && isLive && <AskForm onAsk={onAsk} />}
            {visible.length === 0 ? (
              <p className="muted small panel-empty">{t(staff ? 'qa.emptyStaff' : 'qa.empty')}</p>
            ) : (
              <ol className="question-list" aria-label={t('qa.list')} data-testid="question-list">
                {visible.map((q) => (
                  <QuestionItem key={q.id} question={q} staff={staff} selfId={selfId} voted={votedIds.has(q.id)} qaOpen={live.qaOpen}
                    published={live.stageQuestion?.id === q.id}
                    onVote={() => act(CLIENT_MESSAGES.voteQuestion, { questionId: q.id })}
                    onState={(state) => act(CLIENT_MESSAGES.setQuestionState, { questionId: q.id, state })}
                    onPublish={(publish) => act(CLIENT_MESSAGES.publishQuestion, { questionId: publish ? q.id : null })} />
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </>
  );
}

/** An attendee's question, sent as a chat line marked as a question. */
function AskForm({ onAsk }: { onAsk: (text: string) => boolean }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() && onAsk(text.trim())) setText('');
  };
  return (
    <form className="ask-form" onSubmit={submit}>
      <label htmlFor="ask-input" className="visually-hidden">{t('qa.askLabel')}</label>
      <input id="ask-input" className="input" value={text} maxLength={CHAT_MAX_LENGTH} placeholder={t('qa.askPlaceholder')}
        onChange={(e) => setText(e.target.value)} data-testid="ask-input" />
      <Button type="submit" variant="primary" disabled={!text.trim()} data-testid="ask-submit">{t('qa.ask')}</Button>
    </form>
  );
}
