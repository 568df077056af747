import type { DragEvent } from 'react';
import { FileText, Megaphone, MessageSquare, MessageSquareOff, Plus, Square, Video, Vote } from 'lucide-react';
import { useT } from '../i18n/i18n.tsx';
import { formatMmSs } from './timeline-edit.ts';
import { DRAG_TYPE, type Component } from './timeline-components.ts';

interface PaletteProps {
  components: { videos: Component[]; presentations: Component[]; polls: Component[] };
  onAdd(component: Component): void;
}

/** The components to place: dragged onto a lane, or added with their button (keyboard users). */
export function TimelinePalette({ components, onAdd }: PaletteProps) {
  const { t } = useT();
  const entry = (component: Component, key: string, icon: React.JSX.Element, name: string, detail?: string) => (
    <li key={key} className="tl-palette-entry" draggable
      data-testid={`component-${key}`}
      onDragStart={(e: DragEvent<HTMLLIElement>) => { e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(component)); e.dataTransfer.effectAllowed = 'copy'; }}>
      {icon}
      <span className="tl-palette-name" title={detail ? `${name} · ${detail}` : name}>{name}{detail && <span className="muted small"> · {detail}</span>}</span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => onAdd(component)} aria-label={t('auto.addItem', { name })}><Plus size={14} aria-hidden="true" /></button>
    </li>
  );
  const group = (title: string, list: Component[], icon: React.JSX.Element, empty: string) => (
    <div>
      <h3 className="subheading">{title}</h3>
      {list.length === 0 ? <p className="muted small">{empty}</p> : (
        <ul className="tl-palette-list">
          {list.map((c) => {
            if (c.type === 'video') return entry(c, `video-${c.fileId}`, icon, c.name, c.durationMs !== null ? formatMmSs(c.durationMs) : undefined);
            if (c.type === 'slides') return entry(c, `slides-${c.fileId}`, icon, c.name, String(c.pages));
            if (c.type === 'poll') return entry(c, `poll-${c.pollId}`, icon, c.name);
            return null;
          })}
        </ul>
      )}
    </div>
  );
  return (
    <aside className="card tl-palette" aria-label={t('auto.library')}>
      <h2 className="card-title">{t('auto.library')}</h2>
      {group(t('auto.libraryVideos'), components.videos, <Video size={16} aria-hidden="true" />, t('auto.libraryEmptyVideos'))}
      {group(t('auto.libraryPresentations'), components.presentations, <FileText size={16} aria-hidden="true" />, t('auto.libraryEmptyPresentations'))}
      {group(t('auto.libraryPolls'), components.polls, <Vote size={16} aria-hidden="true" />, t('auto.libraryEmptyPolls'))}
      <div>
        <h3 className="subheading">{t('auto.libraryOther')}</h3>
        <ul className="tl-palette-list">
          {entry({ type: 'cta' }, 'cta', <Megaphone size={16} aria-hidden="true" />, t('auto.cta'))}
          {entry({ type: 'chat', enabled: true }, 'chat-on', <MessageSquare size={16} aria-hidden="true" />, t('auto.chatOn'))}
          {entry({ type: 'chat', enabled: false }, 'chat-off', <MessageSquareOff size={16} aria-hidden="true" />, t('auto.chatOff'))}
          {entry({ type: 'blank' }, 'blank', <Square size={16} aria-hidden="true" />, t('auto.blank'))}
        </ul>
      </div>
    </aside>
  );
}
