import { ChevronLeft, ChevronRight, Presentation, X } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { PRESENTATION_MESSAGES } from '../../../shared/presentation-schemas.ts';
import { useT } from '../i18n/i18n.tsx';
import type { LiveView, PresentationView } from './live-view.ts';
import './stage-slides.css';

/** A page picture of the stage's presentation, through the room's short-lived signed link. */
export function slideUrl(p: Pick<PresentationView, 'linkBase'>, page: number): string {
  return `/api/v1${p.linkBase}/pages/${page}`;
}

/** Keys that turn the pages, as presentation clickers and slide programs use them. */
function pageForKey(key: string, page: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ': return Math.min(count, page + 1);
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp': return Math.max(1, page - 1);
    case 'Home': return 1;
    case 'End': return count;
    default: return undefined;
  }
}

/** Typing somewhere (chat, a form, a text on the board) keeps its keys. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.closest('[role="dialog"]')));
}

/**
 * Slides on the stage (ROOM-12): the current page of the room's presentation, drawn
 * from the room state alone, so the recorder view renders it too (`controls={false}`).
 * Presenters get previous/next, a page-number box, and the keyboard (arrows, PageUp,
 * PageDown, Home, End) anywhere in the room except where they type; the next page is
 * fetched ahead so turning is instant. `ink` draws the whiteboard layer of this page
 * over the picture (the page-aligned annotation layer).
 */
export function StageSlides({ live, controls, act, ink }: {
  live: Pick<LiveView, 'presentation'>;
  controls: boolean;
  act?: (type: string, message?: unknown) => void;
  ink?: (inkPage: string) => ReactNode;
}) {
  const { t } = useT();
  const p = live.presentation;
  const [draft, setDraft] = useState('');
  const page = p?.page ?? 0;
  const count = p?.pageCount ?? 0;
  const go = (target: number) => {
    if (p && act && target >= 1 && target <= count && target !== page) act(PRESENTATION_MESSAGES.presentationPage, { page: target });
  };

  useEffect(() => setDraft(page ? String(page) : ''), [page]);

  // The next page (and the previous one) are loaded ahead, so the turn shows at once.
  useEffect(() => {
    if (!p) return;
    const ahead = [page + 1, page - 1].filter((n) => n >= 1 && n <= count).map((n) => {
      const img = new Image();
      img.src = slideUrl(p, n);
      return img;
    });
    return () => ahead.forEach((img) => (img.src = ''));
  }, [p?.linkBase, page, count]);

  useEffect(() => {
    if (!controls || !p) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      const target = pageForKey(e.key, page, count);
      if (target === undefined) return;
      e.preventDefault();
      go(target);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (!p) {
    return (
      <div className="slides slides-empty" data-testid="stage-slides" data-page="0">
        <Presentation size={36} aria-hidden="true" />
        <p>{t(controls ? 'slides.noneStaff' : 'slides.none')}</p>
      </div>
    );
  }

  return (
    <div className="slides" data-testid="stage-slides" data-page={page} data-pages={count} data-file-id={p.fileId}>
      <div className="slides-stage">
        <div className="slides-frame">
          <img className="slides-image" src={slideUrl(p, page)} alt={t('slides.pageAlt', { title: p.title, page, count })} data-testid="slide-image" draggable={false} />
          {ink && <div className="slides-ink">{ink(p.inkPage)}</div>}
        </div>
      </div>
      {controls ? (
        <div className="slides-controls" role="group" aria-label={t('slides.controls')} data-testid="slides-controls">
          <span className="slides-title" title={p.title}>{p.title}</span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => go(page - 1)} disabled={page <= 1} aria-label={t('slides.previous')} title={t('slides.previousKeys')} data-testid="slides-previous">
            <ChevronLeft size={16} aria-hidden="true" />
          </button>
          <form className="slides-goto" onSubmit={(e) => {
            e.preventDefault();
            const n = Number(draft);
            if (Number.isInteger(n) && n >= 1 && n <= count) go(n);
            else setDraft(String(page));
          }}>
            <input className="input slides-page-input" inputMode="numeric" aria-label={t('slides.pageBox', { count })} value={draft} size={3}
              onChange={(e) => setDraft(e.target.value.replace(/\D/g, '').slice(0, 3))}
              onKeyDown={(e) => { if (e.key === 'Escape') { setDraft(String(page)); e.currentTarget.blur(); } }}
              onBlur={() => setDraft(String(page))} data-testid="slides-page-input" />
            <span aria-hidden="true">/ {count}</span>
          </form>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => go(page + 1)} disabled={page >= count} aria-label={t('slides.next')} title={t('slides.nextKeys')} data-testid="slides-next">
            <ChevronRight size={16} aria-hidden="true" />
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => act?.(PRESENTATION_MESSAGES.presentationClose, {})} data-testid="slides-close">
            <X size={14} aria-hidden="true" /><span className="btn-label">{t('slides.close')}</span>
          </button>
        </div>
      ) : (
        <p className="slides-counter" aria-live="polite" data-testid="slides-counter">{t('slides.counter', { page, count })}</p>
      )}
    </div>
  );
}
