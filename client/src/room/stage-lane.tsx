import { ChevronDown, ChevronUp } from 'lucide-react';
import { useState } from 'react';
import type { PollResults } from '../../../shared/poll-schemas.ts';
import { CLIENT_MESSAGES, type CtaStats } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { CtaPopup } from './cta-popup.tsx';
import type { LiveView } from './live-view.ts';
import { StagePoll } from './stage-poll.tsx';
import { StageQuestion } from './stage-question.tsx';
import type { YourAnswer } from './use-room-connection.ts';

/**
 * The lane under the main window for what the presenters put in front of everyone: the
 * call to action, the running poll and the published question (ROOM-7, ROOM-8, ROOM-9).
 * It is part of the layout, never over the video, so it cannot hide the speaker. An
 * attendee may fold it to one line (a count says what is in it); an ended poll leaves
 * it at once (its results stay in the side panel's Poll tab).
 */
export function StageLane({ live, staff, yourAnswers, liveResults, ctaStats, errorSeq, act }: {
  live: LiveView;
  staff: boolean;
  yourAnswers: YourAnswer[];
  liveResults: PollResults | undefined;
  ctaStats: CtaStats | undefined;
  errorSeq: number | undefined;
  act: (type: string, message?: unknown) => void;
}) {
  const { t, tp } = useT();
  const [folded, setFolded] = useState(false);
  const { cta, stageQuestion } = live;
  const poll = live.poll?.status === 'running' ? live.poll : undefined;
  const count = Number(Boolean(cta)) + Number(Boolean(poll)) + Number(Boolean(stageQuestion));
  if (count === 0) return null;

  return (
    <section className={`stage-lane ${folded ? 'is-folded' : ''}`} aria-label={t('stage.laneLabel')} data-testid="stage-lane">
      <div className="stage-lane-head">
        <span className="stage-lane-title">{tp('stage.laneCount', count)}</span>
        <button type="button" className="btn btn-ghost btn-sm stage-lane-fold" aria-expanded={!folded} onClick={() => setFolded(!folded)} data-testid="stage-lane-fold">
          {folded ? <ChevronUp size={16} aria-hidden="true" /> : <ChevronDown size={16} aria-hidden="true" />}
          {t(folded ? 'stage.laneShow' : 'stage.laneHide')}
        </button>
      </div>
      <div className="stage-lane-items" hidden={folded}>
        {cta && (
          <CtaPopup cta={cta} staff={staff} stats={ctaStats}
            onClick={() => act(CLIENT_MESSAGES.ctaClick, { ctaId: cta.id })} onClose={() => act(CLIENT_MESSAGES.ctaClose)} />
        )}
        {poll && (
          <StagePoll key={poll.id} poll={poll} sharedResults={live.pollResults} liveResults={liveResults} staff={staff} errorSeq={errorSeq}
            answers={yourAnswers.filter((a) => a.pollId === poll.id)}
            onAnswer={(answers) => act(CLIENT_MESSAGES.pollAnswer, { pollId: poll.id, answers })} />
        )}
        {stageQuestion && (
          <StageQuestion question={stageQuestion} onTakeDown={staff ? () => act(CLIENT_MESSAGES.publishQuestion, { questionId: null }) : undefined} />
        )}
      </div>
    </section>
  );
}
