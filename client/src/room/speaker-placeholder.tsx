import { useT } from '../i18n/i18n.tsx';
import type { SpeakerView } from './live-view.ts';
import { roleKey } from './participant-list.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** What the media slot shows until video arrives: who is presenting, and whether they are here. */
export function SpeakerPlaceholder({ speakers }: { speakers: SpeakerView[] }) {
  const { t } = useT();
  const shown = speakers.filter((s) => s.online).slice(0, 6);
  return (
    <div className="speaker-placeholder">
      {shown.length === 0 ? (
        <p className="speaker-placeholder-text">{t('stage.noSpeakers')}</p>
      ) : (
        <ul className="speaker-tiles" aria-label={t('stage.speakers')}>
          {shown.map((s) => (
            <li key={s.id} className="speaker-tile">
              <span className="avatar" aria-hidden="true">{initials(s.name)}</span>
              <span className="speaker-name">{s.name}</span>
              <span className="speaker-role">{t(roleKey(s.role))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
