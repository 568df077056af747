import { MonitorUp, PenLine, Presentation, Undo2, Video } from 'lucide-react';
import type { MainView } from '../../../shared/room-policy.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';

const VIEWS: { view: MainView; key: TextKey; Icon: typeof Video }[] = [
  { view: 'video', key: 'stage.viewVideo', Icon: Video },
  { view: 'whiteboard', key: 'stage.viewBoard', Icon: PenLine },
  { view: 'screen', key: 'stage.viewScreen', Icon: MonitorUp },
  { view: 'slides', key: 'slides.view', Icon: Presentation },
];

/**
 * What the main window shows. For presenters it is everyone's main window (the room
 * stores it, late joiners get it); for an attendee, a look of their own, with a way
 * back to what the presenters show.
 */
export function StageViewSwitch({ shown, presenterView, staff, screenShared, hasBoard, hasSlides = false, onChoose, onBack }: {
  shown: MainView;
  presenterView: MainView;
  staff: boolean;
  screenShared: boolean;
  hasBoard: boolean;
  /** A presentation is open on the stage (ROOM-12). */
  hasSlides?: boolean;
  onChoose: (view: MainView) => void;
  onBack: () => void;
}) {
  const { t } = useT();
  const views = VIEWS.filter(({ view }) => (view === 'whiteboard' ? hasBoard : view === 'screen' ? screenShared || shown === 'screen' : view === 'slides' ? hasSlides : true));
  if (views.length < 2) return null;
  return (
    <div className="stage-view-bar">
      <div className="stage-view-switch" role="group" aria-label={t(staff ? 'stage.viewLabelStaff' : 'stage.viewLabel')} data-testid="stage-view-switch">
        {views.map(({ view, key, Icon }) => (
          <button key={view} type="button" aria-pressed={shown === view} onClick={() => shown !== view && onChoose(view)} data-view={view}>
            <Icon size={15} aria-hidden="true" />
            <span>{t(key)}</span>
          </button>
        ))}
      </div>
      {!staff && shown !== presenterView && (
        <button type="button" className="stage-view-back" onClick={onBack} data-testid="back-to-presenter">
          <Undo2 size={15} aria-hidden="true" />
          <span>{t('stage.backToPresenter')}</span>
        </button>
      )}
    </div>
  );
}
