import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { MediaMain } from '../media/media-main.tsx';
import type { MediaRoomView } from '../media/use-media-link.ts';
import type { LiveView } from '../room/live-view.ts';
import { SpeakerPlaceholder } from '../room/speaker-placeholder.tsx';
import { StageFallback } from '../room/stage-fallback.tsx';
import { StageLane } from '../room/stage-lane.tsx';
import { StageSlides } from '../room/stage-slides.tsx';
import { StageVideo } from '../room/stage-video.tsx';
import { SlideInk } from '../whiteboard/slide-ink.tsx';
import { Whiteboard } from '../whiteboard/whiteboard.tsx';

/** The recorder page acts on nothing: the lane's buttons (the call to action's, a poll's) go nowhere. */
const nothing = () => undefined;

/**
 * What the recorder films: the stage as an attendee sees it with the presenters' view,
 * built from the same components (MediaMain for the speaker or gallery and the shared
 * screen, StageSlides with its ink layer, the whiteboard, StageVideo, and the lane with
 * the call to action, the running poll and the published question), without the
 * attendee's bar or view switch. Private mode shows a slate (nothing of it is recorded).
 * `media` is undefined without LiveKit: the stage then shows who presents, as everyone's does.
 */
export function RecorderStage({ live, media, privateMode, eventId, ticket }: {
  live: LiveView;
  media: MediaRoomView | undefined;
  privateMode: boolean;
  eventId: number;
  ticket: string;
}) {
  const { t } = useT();
  const hidden = privateMode || live.mode === 'private';
  const shown = live.mainView;
  const slides = shown === 'slides'
    ? <StageSlides live={live} controls={false} ink={(inkPage) => <SlideInk eventId={eventId} ticket={ticket} role="attendee" inkPage={inkPage} />} />
    : null;
  // The board as an attendee sees it, never with the tools (collaboration or not).
  const board: ReactNode = shown === 'whiteboard' ? <Whiteboard eventId={eventId} ticket={ticket} role="attendee" collaboration={false} canClear={false} /> : slides;
  const placeholder = <SpeakerPlaceholder speakers={live.speakers} />;

  return (
    <section className="stage recorder-stage" aria-label={t('stage.label')} data-testid="recorder-stage" data-view={shown} data-mode={live.mode}>
      {hidden ? (
        <div className="recorder-slate" role="status" data-testid="recorder-private">{t('rec.privateSlate')}</div>
      ) : (
        <>
          <div className="stage-screen" data-view={shown} data-presenter-view={live.mainView}>
            {media
              ? <div className="media-stage"><MediaMain view={media} mainView={shown} board={board} /></div>
              : <StageFallback mainView={shown} board={board} placeholder={placeholder} />}
            {shown === 'media' && live.playback && <StageVideo playback={live.playback} />}
          </div>
          <StageLane live={live} staff={false} yourAnswers={[]} liveResults={undefined} ctaStats={undefined} errorSeq={undefined} act={nothing} />
        </>
      )}
    </section>
  );
}
