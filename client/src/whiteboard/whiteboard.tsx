import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role } from '../../../shared/join-schemas.ts';
import { FIRST_PAGE_ID, PAGES_ROOT, VIEW_ROOT, addPage, clearPage, pageIds, showPage, viewedPage } from '../../../shared/whiteboard-model.ts';
import { canClearPage, canDraw } from '../../../shared/whiteboard-policy.ts';
import { WHITEBOARD_CLOSE } from '../../../shared/whiteboard-protocol.ts';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { BoardCanvas, type BoardActions } from './board-canvas.tsx';
import { PageBar } from './page-bar.tsx';
import { COLORS, NOTE_COLORS, type ToolId, type WIDTHS } from './tools.ts';
import { useWhiteboardSession } from './use-whiteboard-session.ts';
import { WhiteboardToolbar } from './whiteboard-toolbar.tsx';
import { LOCAL_ORIGIN } from './whiteboard-session.ts';
import './whiteboard.css';

export interface WhiteboardProps {
  /** The public (numeric) event id. */
  eventId: number;
  /** The room ticket; the board server hands out fresher ones while connected. */
  ticket: string;
  /** The participant's current role (it changes when the host promotes or demotes). */
  role: Role;
  /** Collaboration as the room knows it; when left out, the board's server says. */
  collaboration?: boolean;
  /** Show "Clear page" (presenters and the host by default). */
  canClear?: boolean;
  /** Given to the host: the "Attendees may draw" switch sends the room's `set-collaboration`. */
  onCollaborationChange?: (enabled: boolean) => void;
}

const CLOSED_TEXT: Record<number, TextKey> = {
  [WHITEBOARD_CLOSE.notAdmitted]: 'whiteboard.closedTicket',
  [WHITEBOARD_CLOSE.excluded]: 'whiteboard.closedRemoved',
  [WHITEBOARD_CLOSE.notStarted]: 'whiteboard.closedNotStarted',
  [WHITEBOARD_CLOSE.ended]: 'whiteboard.closedEnded',
};

/** Page changes are nobody's undoable drawing. */
const VIEW_ORIGIN = 'view';

/**
 * The shared whiteboard of an event (ROOM-10): presenters and the host draw; attendees
 * watch, and draw too while the host has collaboration on. The server decides; this
 * component shows the tools only to those it will accept changes from.
 */
export function Whiteboard({ eventId, ticket, role, collaboration, canClear, onCollaborationChange }: WhiteboardProps) {
  const { t } = useT();
  const board = useWhiteboardSession(eventId, ticket);
  const { session } = board;
  const collaborating = collaboration ?? board.status?.collaboration ?? false;
  const allowed = canDraw(role, collaborating);
  const canWrite = allowed && board.synced;
  const [tool, setTool] = useState<ToolId>('pen');
  const [color, setColor] = useState<string>(COLORS[0]);
  const [noteColor, setNoteColor] = useState<string>(NOTE_COLORS[0]);
  const [width, setWidth] = useState<(typeof WIDTHS)[number]>(4);
  const [pages, setPages] = useState<string[]>([FIRST_PAGE_ID]);
  const [page, setPage] = useState(FIRST_PAGE_ID);
  const [selectionCount, setSelectionCount] = useState(0);
  const [collabPending, setCollabPending] = useState<boolean>();
  const actions = useRef<BoardActions>(null);
  const staff = role === 'host' || role === 'presenter';

  useEffect(() => setCollabPending(undefined), [collaborating]);

  // Pages, and the page the presenters show: everyone follows it when it changes.
  useEffect(() => {
    if (!session) return;
    const pagesArray = session.doc.getArray(PAGES_ROOT);
    const view = session.doc.getMap(VIEW_ROOT);
    const onPages = () => setPages(pageIds(session.doc));
    const onView = () => setPage(viewedPage(session.doc));
    onPages();
    onView();
    pagesArray.observe(onPages);
    view.observe(onView);
    return () => {
      pagesArray.unobserve(onPages);
      view.unobserve(onView);
    };
  }, [session]);

  const goTo = useCallback((id: string) => {
    setPage(id);
    if (session && staff && canWrite) showPage(session.doc, id, VIEW_ORIGIN);
  }, [session, staff, canWrite]);

  const add = useCallback(() => {
    if (!session) return;
    goTo(addPage(session.doc, VIEW_ORIGIN));
  }, [session, goTo]);

  let banner: { text: string; tone: 'info' | 'warning' | 'error' } | undefined;
  if (board.connection === 'closed') banner = { text: t(CLOSED_TEXT[board.closeCode ?? 0] ?? 'whiteboard.closed'), tone: 'error' };
  else if (board.connection === 'disconnected') banner = { text: t('whiteboard.reconnecting'), tone: 'warning' };
  else if (!board.synced) banner = { text: t('whiteboard.connecting'), tone: 'info' };
  const pageNumber = pages.indexOf(page) + 1;

  return (
    <section className="wb" data-testid="whiteboard" data-can-write={canWrite} data-synced={board.synced} aria-label={t('whiteboard.title')}>
      <div className="wb-head">
        <h2 className="wb-title">{t('whiteboard.title')}</h2>
        <PageBar pages={pages} current={page} onPage={goTo} onAdd={canWrite ? add : undefined} />
        <span className="wb-spacer" />
        {onCollaborationChange && (
          <label className="wb-switch">
            <input type="checkbox" role="switch" data-testid="whiteboard-collaboration" checked={collabPending ?? collaborating} onChange={(e) => {
              setCollabPending(e.target.checked);
              onCollaborationChange(e.target.checked);
            }} />
            <span className="wb-switch-track" aria-hidden="true" />
            {t('whiteboard.collaboration')}
          </label>
        )}
        {role === 'host' && (
          <span className="wb-download">
            {t('whiteboard.download')}
            <a href={`/api/v1/events/${eventId}/whiteboard.svg`} download>SVG</a>
            <a href={`/api/v1/events/${eventId}/whiteboard.png`} download>PNG</a>
          </span>
        )}
      </div>
      {canWrite && session && (
        <WhiteboardToolbar
          tool={tool} onTool={setTool}
          color={color} onColor={setColor}
          noteColor={noteColor} onNoteColor={setNoteColor}
          width={width} onWidth={setWidth}
          undo={session.undo}
          selectionCount={selectionCount}
          onDeleteSelection={() => actions.current?.deleteSelection()}
          onClearPage={(canClear ?? canClearPage(role)) ? () => clearPage(session.doc, page, LOCAL_ORIGIN) : undefined}
        />
      )}
      {session && (
        <BoardCanvas
          ref={actions}
          session={session}
          page={page}
          label={t('whiteboard.canvasLabel', { number: pageNumber, count: pages.length })}
          canWrite={canWrite}
          tool={tool}
          color={color}
          width={width}
          noteColor={noteColor}
          onTool={setTool}
          onSelection={setSelectionCount}
        />
      )}
      <div className="wb-foot" aria-live="polite">
        {banner && <p className={`wb-banner wb-banner-${banner.tone}`} data-testid="whiteboard-banner">{banner.text}</p>}
        {board.notice && (
          <p className="wb-banner wb-banner-warning" role="alert" data-testid="whiteboard-notice">
            {t(board.notice)}
            <button type="button" className="wb-dismiss" onClick={board.dismissNotice}>{t('whiteboard.dismiss')}</button>
          </p>
        )}
        {!banner && !allowed && <p className="wb-hint" data-testid="whiteboard-view-only">{t('whiteboard.viewOnly')}</p>}
        {!banner && allowed && role === 'attendee' && <p className="wb-hint">{t('whiteboard.youMayDraw')}</p>}
      </div>
    </section>
  );
}
