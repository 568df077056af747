import { useState } from 'react';
import type { PollResults } from '../../../shared/poll-schemas.ts';
import { CLIENT_MESSAGES } from '../../../shared/room-messages.ts';
import { Button } from '../components/button.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PollEditor } from '../polls/poll-editor.tsx';
import { StaffPollCard } from './staff-poll-card.tsx';
import type { StaffPoll } from './use-staff-feed.ts';

const STATUS_ORDER = { running: 0, draft: 1, ended: 2 } as const;

/**
 * The presenters' polls tab (ROOM-8): the polls prepared in the dashboard or written
 * here, the running one first, and a form to write a new one during the event.
 */
export function PollsPanel({ polls, liveResults, live, act }: {
  polls: StaffPoll[];
  liveResults: PollResults | undefined;
  live: boolean;
  act: (type: string, message?: unknown) => void;
}) {
  const { t } = useT();
  const [writing, setWriting] = useState(false);
  const running = polls.find((p) => p.status === 'running');
  const ordered = polls.map((p, i) => ({ p, i })).sort((a, b) => STATUS_ORDER[a.p.status] - STATUS_ORDER[b.p.status] || b.i - a.i).map(({ p }) => p);
  return (
    <>
      <div className="panel-head">
        <h2 className="panel-title">{t('poll.panelTitle')}</h2>
        {!writing && <Button size="sm" variant="primary" onClick={() => setWriting(true)} data-testid="new-poll">+ {t('poll.new')}</Button>}
      </div>
      <div className="panel-scroll">
        {writing && (
          <div className="panel-section">
            <PollEditor idPrefix="room-poll" submitLabel={t('poll.create')} onCancel={() => setWriting(false)}
              onSubmit={(input) => {
                act(CLIENT_MESSAGES.pollCreate, input);
                setWriting(false);
              }} />
          </div>
        )}
        {polls.length === 0 && !writing ? (
          <div className="panel-empty">
            <p className="panel-empty-title">{t('poll.noneTitle')}</p>
            <p className="muted small">{t('poll.noneText')}</p>
          </div>
        ) : (
          <ul className="staff-poll-list">
            {ordered.map((poll) => (
              <StaffPollCard key={poll.id} poll={poll} live={live} otherRunning={running !== undefined && running.id !== poll.id}
                results={liveResults?.pollId === poll.id ? liveResults : undefined} act={act} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
