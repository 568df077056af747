import { useEffect, useState } from 'react';
import type { PollInput } from '../../../shared/poll-schemas.ts';
import { pollsApi, type EventPollOut } from '../api/endpoints.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/i18n.tsx';
import { PollEditor } from '../polls/poll-editor.tsx';

/**
 * An event's polls and tests, prepared before it starts (ROOM-8): write them, delete a
 * draft, and after they have run, download every individual answer as CSV.
 */
export function EventPollsPanel({ eventId }: { eventId: number }) {
  const { t, tp } = useT();
  const [polls, setPolls] = useState<EventPollOut[]>();
  const [writing, setWriting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    let current = true;
    pollsApi.list(eventId).then(
      (answer) => current && setPolls(answer.polls),
      (err: unknown) => current && setFailure(err),
    );
    return () => {
      current = false;
    };
  }, [eventId]);

  const create = async (input: PollInput) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const poll = await pollsApi.create(eventId, input);
      setPolls((list) => [...(list ?? []), { ...poll, respondents: 0 }]);
      setWriting(false);
      setSaved(poll.title);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (poll: EventPollOut) => {
    setFailure(undefined);
    try {
      await pollsApi.remove(eventId, poll.id);
      setPolls((list) => list?.filter((p) => p.id !== poll.id));
    } catch (err) {
      setFailure(err);
    }
  };

  return (
    <div className="event-polls" data-testid="event-polls">
      <div className="card-head">
        <h4 className="subheading">{t('eventPolls.title')}</h4>
        {!writing && <Button size="sm" variant="primary" onClick={() => { setWriting(true); setSaved(undefined); }}>+ {t('eventPolls.add')}</Button>}
      </div>
      <p className="muted small">{t('eventPolls.intro')}</p>
      {failure !== undefined && <Alert>{errorText(t, failure)}</Alert>}
      {saved && !writing && <Alert tone="success">{t('eventPolls.saved', { title: saved })}</Alert>}
      {writing && (
        <div className="panel-section">
          <PollEditor idPrefix={`event-${eventId}-poll`} submitLabel={t('eventPolls.save')} busy={busy} onSubmit={(input) => void create(input)} onCancel={() => setWriting(false)} />
        </div>
      )}
      {polls === undefined && failure === undefined && <p className="muted small">{t('common.loading')}</p>}
      {polls?.length === 0 && !writing && <p className="muted small">{t('eventPolls.none')}</p>}
      {polls && polls.length > 0 && (
        <ul className="event-poll-list">
          {polls.map((poll) => (
            <li key={poll.id} className="event-poll" data-testid="event-poll">
              <div className="event-poll-main">
                <span className="event-poll-title">{poll.title}</span>
                <span className="muted small">
                  {t(poll.kind === 'test' ? 'poll.test' : 'poll.poll')} · {tp('poll.questionCount', poll.questions.length)} · {t(`pollStatus.${poll.status}`)}
                  {poll.status !== 'draft' && <> · {tp('poll.respondents', poll.respondents)}</>}
                </span>
              </div>
              {poll.status !== 'draft' && (
                <a className="btn btn-secondary btn-sm" href={pollsApi.answersCsvUrl(eventId, poll.id)} download aria-label={t('eventPolls.csvLabel', { title: poll.title })}>
                  {t('eventPolls.csv')}
                </a>
              )}
              {poll.status === 'draft' && (
                <ConfirmInline trigger={t('eventPolls.delete')} question={t('eventPolls.confirmDelete', { title: poll.title })}
                  confirmLabel={t('eventPolls.confirmDeleteYes')} onConfirm={() => remove(poll)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
