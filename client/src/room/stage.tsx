import { useState } from 'react';
import type { ReactNode } from 'react';
import type { PollResults } from '../../../shared/poll-schemas.ts';
import { CLIENT_MESSAGES, type CtaStats, type YouMessage } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { AudienceBar } from './audience-bar.tsx';
import { CtaPopup } from './cta-popup.tsx';
import type { LiveView } from './live-view.ts';
import { ReactionToasts } from './reaction-toasts.tsx';
import { SpeakerPlaceholder } from './speaker-placeholder.tsx';
import { StagePoll } from './stage-poll.tsx';
import { StageQuestion } from './stage-question.tsx';
import { StageSlot } from './stage-slot.tsx';
import type { YourAnswer } from './use-room-connection.ts';
import type { ReactionToast } from './use-staff-feed.ts';

/**
 * The main window: the media and whiteboard slots, and over them, in fixed lanes, the
 * call to action (top), the poll (middle) and the published question (bottom). The
 * screen has a fixed size, so nothing that appears or goes away moves the page.
 */
export function Stage({ live, staff, you, yourAnswers, liveResults, ctaStats, reactions, errorSeq, act, media, whiteboard }: {
  live: LiveView;
  staff: boolean;
  you: YouMessage | undefined;
  yourAnswers: YourAnswer[];
  liveResults: PollResults | undefined;
  ctaStats: CtaStats | undefined;
  reactions: ReactionToast[];
  errorSeq: number | undefined;
  act: (type: string, message?: unknown) => void;
  /** Audio and video (client/src/media); the speakers' names stand in while it loads. */
  media?: ReactNode;
  /** The whiteboard (client/src/whiteboard), ROOM-10. */
  whiteboard?: ReactNode;
}) {
  const { t, tp } = useT();
  // Each viewer picks video or the whiteboard; the board connects only while it is shown.
  const [view, setView] = useState<'video' | 'whiteboard'>('video');
  const attendee = !staff;
  const hidden = attendee && live.mode === 'private';
  const { poll, cta, stageQuestion } = live;
  return (
    <section className="stage" aria-label={t('stage.label')} data-testid="stage">
      <div className="stage-screen" data-view={view}>
        <StageSlot kind="media">
          {media ?? <SpeakerPlaceholder speakers={live.speakers} />}
        </StageSlot>
        <StageSlot kind="whiteboard">{view === 'whiteboard' ? whiteboard : null}</StageSlot>
        {whiteboard && (
          <div className="stage-view-switch" role="group" aria-label={t('stage.viewLabel')}>
            <button type="button" aria-pressed={view === 'video'} onClick={() => setView('video')}>{t('stage.viewVideo')}</button>
            <button type="button" aria-pressed={view === 'whiteboard'} onClick={() => setView('whiteboard')}>{t('stage.viewBoard')}</button>
          </div>
        )}
        {hidden && (
          <div className="stage-veil" role="status">
            <p className="stage-veil-title">{t('stage.privateTitle')}</p>
            <p>{t('stage.privateText')}</p>
          </div>
        )}
        <div className="stage-overlay">
          <div className="stage-lane stage-lane-top">
            {cta && (
              <CtaPopup cta={cta} staff={staff} stats={ctaStats}
                onClick={() => act(CLIENT_MESSAGES.ctaClick, { ctaId: cta.id })} onClose={() => act(CLIENT_MESSAGES.ctaClose)} />
            )}
          </div>
          <div className="stage-lane stage-lane-middle">
            {poll && (
              <StagePoll key={poll.id} poll={poll} sharedResults={live.pollResults} liveResults={liveResults} staff={staff} errorSeq={errorSeq}
                answers={yourAnswers.filter((a) => a.pollId === poll.id)}
                onAnswer={(answers) => act(CLIENT_MESSAGES.pollAnswer, { pollId: poll.id, answers })} />
            )}
          </div>
          <div className="stage-lane stage-lane-bottom">
            {stageQuestion && (
              <StageQuestion question={stageQuestion} onTakeDown={staff ? () => act(CLIENT_MESSAGES.publishQuestion, { questionId: null }) : undefined} />
            )}
          </div>
        </div>
        {staff && <ReactionToasts reactions={reactions} />}
      </div>
      {attendee ? (
        <AudienceBar mode={live.mode} handRaised={you?.handRaised ?? false} mediaGranted={you?.mediaGranted ?? false} live={live.status === 'live'}
          onHand={(raised) => act(CLIENT_MESSAGES.hand, { raised })} onReact={(reaction) => act(CLIENT_MESSAGES.react, { reaction })} />
      ) : (
        <div className="stage-bar stage-bar-staff" data-testid="staff-stage-bar">
          <span>{tp('room.attendeesOnline', live.attendeesOnline)}</span>
          <span className={live.handsRaised ? 'hands-up' : 'muted'}>✋ {tp('hand.count', live.handsRaised)}</span>
        </div>
      )}
    </section>
  );
}
