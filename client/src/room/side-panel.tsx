import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

export interface SideTab {
  id: string;
  label: string;
  /** A shorter label for a phone's narrow tab bar. */
  shortLabel?: string;
  /** An SVG icon before the label. */
  icon?: ReactNode;
  /** A small count next to the label (people online, open questions…). */
  badge?: number | string | undefined;
  /** Something new arrived in a tab that is not showing. */
  alert?: boolean;
  content: ReactNode;
}

/**
 * The side panel's tabs (chat, Q&A, participants and, for presenters, polls and the
 * call to action). Every panel stays mounted while hidden, so a half-written poll or
 * message and the chat's scroll position survive a look at another tab. Arrow keys
 * move between tabs, as in any tab list.
 */
export function SidePanel({ tabs, active, onSelect }: { tabs: SideTab[]; active: string; onSelect: (id: string) => void }) {
  const { t } = useT();
  const listRef = useRef<HTMLDivElement>(null);
  const current = tabs.some((tab) => tab.id === active) ? active : tabs[0]?.id;

  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    let next = index;
    if (step) next = (index + step + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const id = tabs[next]!.id;
    onSelect(id);
    listRef.current?.querySelector<HTMLElement>(`#tab-${id}`)?.focus();
  };

  return (
    <aside className="side-panel" aria-label={t('room.tabs')}>
      <div className="side-tabs" role="tablist" aria-label={t('room.tabs')} ref={listRef} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button key={tab.id} type="button" role="tab" id={`tab-${tab.id}`} aria-controls={`panel-${tab.id}`} aria-selected={tab.id === current}
            tabIndex={tab.id === current ? 0 : -1} className="side-tab" onClick={() => onSelect(tab.id)} data-testid={`tab-${tab.id}`}>
            {tab.icon}
            {tab.shortLabel ? (
              <>
                <span className="side-tab-long">{tab.label}</span>
                <span className="side-tab-short" aria-hidden="true">{tab.shortLabel}</span>
              </>
            ) : tab.label}
            {tab.badge !== undefined && tab.badge !== 0 && <span className="tab-count">{tab.badge}</span>}
            {tab.alert && <span className="tab-alert" aria-label={t('room.newActivity')} />}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <section key={tab.id} id={`panel-${tab.id}`} role="tabpanel" aria-labelledby={`tab-${tab.id}`} className={`side-tabpanel side-tabpanel-${tab.id}`}
          hidden={tab.id !== current}>
          {tab.content}
        </section>
      ))}
    </aside>
  );
}
