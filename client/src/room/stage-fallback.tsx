import type { ReactNode } from 'react';
import type { MainView } from '../../../shared/room-policy.ts';

/**
 * The main window without live video (audio and video still loading, connecting or
 * unavailable): the whiteboard when it is the main view, else who is presenting, and a
 * line saying why there is no video. Same frame as with video, so nothing jumps.
 */
export function StageFallback({ mainView, board, placeholder, note }: { mainView: MainView; board: ReactNode; placeholder: ReactNode; note?: ReactNode }) {
  const onBoard = mainView === 'whiteboard' && board;
  const onSlides = mainView === 'slides' && board;
  return (
    <div className="media-stage media-stage-fallback">
      <div className="stage-main" data-testid="stage-main" data-layout={onBoard ? 'whiteboard' : onSlides ? 'slides' : 'placeholder'}>
        {onBoard ? <div className="stage-board stage-slot-whiteboard" data-testid="stage-slot-whiteboard">{board}</div> : onSlides ? <div className="stage-slot-slides" data-testid="stage-slot-slides">{board}</div> : placeholder}
      </div>
      {note}
    </div>
  );
}
