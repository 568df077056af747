import { useState } from 'react';
import { ROOM_MODES, type RoomMode } from '../../../shared/room-policy.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * The room's mode for presenters (ROOM-3): three choices, each explained in a sentence
 * (the one hovered or focused, otherwise the current one), because picking the wrong
 * one lets the whole audience talk or hides the presenters from it.
 */
export function ModeSwitch({ mode, onChange }: { mode: RoomMode; onChange: (mode: RoomMode) => void }) {
  const { t } = useT();
  const [preview, setPreview] = useState<RoomMode>();
  const explained = preview ?? mode;
  return (
    <div className="mode-switch">
      <div className="segmented" role="radiogroup" aria-label={t('mode.label')} aria-describedby="mode-explanation" data-testid="mode-switch">
        {ROOM_MODES.map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className="segment"
            onClick={() => mode !== m && onChange(m)}
            onMouseEnter={() => setPreview(m)} onMouseLeave={() => setPreview(undefined)}
            onFocus={() => setPreview(m)} onBlur={() => setPreview(undefined)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const next = ROOM_MODES[(ROOM_MODES.indexOf(m) + step + ROOM_MODES.length) % ROOM_MODES.length]!;
              (e.currentTarget.parentElement?.querySelector(`[data-mode="${next}"]`) as HTMLElement | null)?.focus();
            }}
            data-mode={m}>
            {t(`mode.${m}`)}
          </button>
        ))}
      </div>
      <p id="mode-explanation" className="mode-explanation">
        {preview && preview !== mode && <strong>{t(`mode.${preview}`)}: </strong>}
        {t(`mode.explain.${explained}`)}
      </p>
    </div>
  );
}
