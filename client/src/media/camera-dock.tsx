import { GripHorizontal, PanelBottom, PictureInPicture2 } from 'lucide-react';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

const KEY_STEP = 24;

/**
 * Where the cameras go while a screen or the whiteboard fills the main window (ROOM-15):
 * docked as a strip under it, or in a floating window the viewer drags anywhere over
 * the main window (by mouse, touch or the arrow keys on its handle) and docks again.
 * A choice of this viewer only.
 */
export function CameraDock({ floatingAllowed, children }: { floatingAllowed: boolean; children: ReactNode }) {
  const { t } = useT();
  const [floating, setFloating] = useState(false);
  const [position, setPosition] = useState<{ x: number; y: number }>();
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ dx: number; dy: number } | undefined>(undefined);
  const isFloating = floating && floatingAllowed;

  /** Keeps the window inside the main window, whatever the pointer does. */
  const place = (x: number, y: number) => {
    const element = box.current;
    const parent = element?.offsetParent as HTMLElement | null;
    if (!element || !parent) return;
    setPosition({
      x: Math.max(0, Math.min(x, parent.clientWidth - element.offsetWidth)),
      y: Math.max(0, Math.min(y, parent.clientHeight - element.offsetHeight)),
    });
  };
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    const element = box.current;
    if (!element) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { dx: e.clientX - element.offsetLeft, dy: e.clientY - element.offsetTop };
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (drag.current) place(e.clientX - drag.current.dx, e.clientY - drag.current.dy);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const element = box.current;
    const dx = e.key === 'ArrowLeft' ? -KEY_STEP : e.key === 'ArrowRight' ? KEY_STEP : 0;
    const dy = e.key === 'ArrowUp' ? -KEY_STEP : e.key === 'ArrowDown' ? KEY_STEP : 0;
    if (!element || (!dx && !dy)) return;
    e.preventDefault();
    place(element.offsetLeft + dx, element.offsetTop + dy);
  };

  return (
    <div ref={box} className={`camera-dock ${isFloating ? 'is-floating' : 'is-docked'}`} data-testid="camera-dock" data-floating={isFloating || undefined}
      style={isFloating && position ? { left: position.x, top: position.y, right: 'auto', bottom: 'auto' } : undefined}>
      {floatingAllowed && (
        <div className="camera-dock-bar">
          {isFloating && (
            <button type="button" className="camera-dock-handle" aria-label={t('stage.dockMove')} title={t('stage.dockMove')}
              onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={() => (drag.current = undefined)} onKeyDown={onKeyDown}>
              <GripHorizontal size={16} aria-hidden="true" />
            </button>
          )}
          <button type="button" className="camera-dock-toggle" onClick={() => setFloating(!isFloating)} title={t(isFloating ? 'stage.dockDock' : 'stage.dockFloat')}>
            {isFloating ? <PanelBottom size={16} aria-hidden="true" /> : <PictureInPicture2 size={16} aria-hidden="true" />}
            <span className="visually-hidden">{t(isFloating ? 'stage.dockDock' : 'stage.dockFloat')}</span>
          </button>
        </div>
      )}
      <div className="camera-dock-tiles">{children}</div>
    </div>
  );
}
