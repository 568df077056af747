import { PenLine } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../../shared/join-schemas.ts';
import { clearPage, pageShapesArray } from '../../../shared/whiteboard-model.ts';
import { useT } from '../i18n/i18n.tsx';
import { BoardCanvas, type BoardActions } from './board-canvas.tsx';
import { COLORS, NOTE_COLORS, type ToolId, type WIDTHS } from './tools.ts';
import { useWhiteboardSession } from './use-whiteboard-session.ts';
import { WhiteboardToolbar } from './whiteboard-toolbar.tsx';
import { LOCAL_ORIGIN } from './whiteboard-session.ts';
import './whiteboard.css';

/**
 * The drawing layer over a slide (ROOM-10 on ROOM-12): one page of the event's board per
 * slide page (`inkPage`, see slideInkPage), drawn transparently over the picture with
 * the board's own canvas, so the same server checks, stores and syncs it. Everyone sees
 * the drawings; presenters switch "Draw" on to get the board's tools.
 */
export function SlideInk({ eventId, ticket, role, inkPage }: { eventId: number; ticket: string; role: Role; inkPage: string }) {
  const { t } = useT();
  const board = useWhiteboardSession(eventId, ticket);
  const { session } = board;
  const staff = role === 'host' || role === 'presenter';
  const [drawing, setDrawing] = useState(false);
  const [tool, setTool] = useState<ToolId>('pen');
  const [color, setColor] = useState<string>(COLORS[1]);
  const [noteColor, setNoteColor] = useState<string>(NOTE_COLORS[0]);
  const [width, setWidth] = useState<(typeof WIDTHS)[number]>(4);
  const [selectionCount, setSelectionCount] = useState(0);
  const actions = useRef<BoardActions>(null);
  const canWrite = staff && drawing && board.synced;

  // Strokes on this slide page can be undone like those on the board's own pages.
  useEffect(() => {
    if (session) session.undo.addToScope(pageShapesArray(session.doc, inkPage));
  }, [session, inkPage]);

  if (!session) return null;
  return (
    <>
      {staff && (
        <div className="slide-ink-tools" data-testid="slide-ink-tools">
          <button type="button" className="btn btn-ghost btn-sm" aria-pressed={drawing} onClick={() => setDrawing(!drawing)} data-testid="slide-ink-toggle">
            <PenLine size={14} aria-hidden="true" /><span className="btn-label">{t(drawing ? 'slides.drawDone' : 'slides.draw')}</span>
          </button>
          {canWrite && (
            <WhiteboardToolbar tool={tool} onTool={setTool} color={color} onColor={setColor} noteColor={noteColor} onNoteColor={setNoteColor}
              width={width} onWidth={setWidth} undo={session.undo} selectionCount={selectionCount}
              onDeleteSelection={() => actions.current?.deleteSelection()} onClearPage={() => clearPage(session.doc, inkPage, LOCAL_ORIGIN)} />
          )}
        </div>
      )}
      <BoardCanvas ref={actions} session={session} page={inkPage} label={t('slides.inkLabel')} canWrite={canWrite} tool={tool} color={color}
        width={width} noteColor={noteColor} onTool={setTool} onSelection={setSelectionCount} />
    </>
  );
}
