import { Clock, Hand, Users } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { PollResults } from '../../../shared/poll-schemas.ts';
import { CLIENT_MESSAGES, type CtaStats, type YouMessage } from '../../../shared/room-messages.ts';
import type { MainView } from '../../../shared/room-policy.ts';
import { useT } from '../i18n/i18n.tsx';
import { AudienceBar } from './audience-bar.tsx';
import type { LiveView } from './live-view.ts';
import { ReactionToasts } from './reaction-toasts.tsx';
import { SpeakerPlaceholder } from './speaker-placeholder.tsx';
import { StageFallback } from './stage-fallback.tsx';
import { StageLane } from './stage-lane.tsx';
import { StageViewSwitch } from './stage-view-switch.tsx';
import { SlidesPicker } from './slides-picker.tsx';
import { StageSlides } from './stage-slides.tsx';
import type { YourAnswer } from './use-room-connection.ts';
import type { ReactionToast } from './use-staff-feed.ts';

/** What the media part (client/src/media, loaded later) is handed to fill the main window. */
export interface StageMediaProps {
  mainView: MainView;
  board: ReactNode;
  placeholder: ReactNode;
}

/**
 * The main window and what belongs to it: the picture (a shared screen, the whiteboard
 * or the cameras; see MediaMain), the view the presenters chose for everyone (an
 * attendee may look at another one and come back), the lane under it for the call to
 * action, the poll and the published question, and the bar with the hand and reactions
 * (attendees) or the counts (presenters).
 */
export function Stage({ live, staff, you, yourAnswers, liveResults, ctaStats, reactions, errorSeq, act, media, whiteboard, slideInk, waiting = 0 }: {
  live: LiveView;
  staff: boolean;
  you: YouMessage | undefined;
  yourAnswers: YourAnswer[];
  liveResults: PollResults | undefined;
  ctaStats: CtaStats | undefined;
  reactions: ReactionToast[];
  errorSeq: number | undefined;
  act: (type: string, message?: unknown) => void;
  /** Audio and video (client/src/media); without it the stage shows the speakers' names. */
  media?: (props: StageMediaProps) => ReactNode;
  /** The whiteboard (client/src/whiteboard), ROOM-10. */
  whiteboard?: ReactNode;
  /** ROOM-12: the whiteboard layer drawn over a slide page. */
  slideInk?: (inkPage: string) => ReactNode;
  /** Staff: how many wait in the waiting room (before the start). */
  waiting?: number;
}) {
  const { t, tp } = useT();
  // An attendee's own look at another view; it ends when the presenters change theirs.
  const [ownView, setOwnView] = useState<MainView | null>(null);
  useEffect(() => setOwnView(null), [live.mainView]);
  const attendee = !staff;
  const hidden = attendee && live.mode === 'private';
  const shown: MainView = (attendee && ownView) || live.mainView;
  const choose = (view: MainView) => {
    if (staff) act(CLIENT_MESSAGES.setMainView, { view });
    else setOwnView(view === live.mainView ? null : view);
  };
  // The board connects only while it is shown (and never for an attendee in private mode).
  const slides = shown === 'slides' && !hidden ? <StageSlides live={live} controls={staff} act={act} ink={slideInk} /> : null;
  const board = shown === 'whiteboard' && !hidden ? whiteboard : slides;
  const placeholder = <SpeakerPlaceholder speakers={live.speakers} />;

  return (
    <section className="stage" aria-label={t('stage.label')} data-testid="stage">
      <div className="stage-screen" data-view={shown} data-presenter-view={live.mainView}>
        {media ? media({ mainView: shown, board, placeholder }) : <StageFallback mainView={shown} board={board} placeholder={placeholder} />}
        <StageViewSwitch shown={shown} presenterView={live.mainView} staff={staff} screenShared={live.screenShared} hasBoard={Boolean(whiteboard)} hasSlides={Boolean(live.presentation)}
          onChoose={choose} onBack={() => setOwnView(null)} />
        {hidden && (
          <div className="stage-veil" role="status">
            <p className="stage-veil-title">{t('stage.privateTitle')}</p>
            <p>{t('stage.privateText')}</p>
          </div>
        )}
        {staff && <ReactionToasts reactions={reactions} />}
      </div>
      <StageLane live={live} staff={staff} yourAnswers={yourAnswers} liveResults={liveResults} ctaStats={ctaStats} errorSeq={errorSeq} act={act} />
      {attendee ? (
        <AudienceBar mode={live.mode} handRaised={you?.handRaised ?? false} mediaGranted={you?.mediaGranted ?? false} live={live.status === 'live'}
          onHand={(raised) => act(CLIENT_MESSAGES.hand, { raised })} onReact={(reaction) => act(CLIENT_MESSAGES.react, { reaction })} />
      ) : (
        <div className="stage-bar stage-bar-staff" data-testid="staff-stage-bar">
          <span className="stage-bar-item"><Users size={16} aria-hidden="true" />{tp('room.attendeesOnline', live.attendeesOnline)}</span>
          {waiting > 0 && <span className="stage-bar-item"><Clock size={16} aria-hidden="true" />{tp('waitingList.count', waiting)}</span>}
          <span className={`stage-bar-item ${live.handsRaised ? 'hands-up' : 'muted'}`}><Hand size={16} aria-hidden="true" />{tp('hand.count', live.handsRaised)}</span>
          {live.status !== 'ended' && <SlidesPicker act={act} showing={live.presentation?.fileId} />}
        </div>
      )}
    </section>
  );
}
