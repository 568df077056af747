import { useCallback, useEffect, useRef } from 'react';
import { parseShapeData, type ShapeData } from '../../../shared/whiteboard-model.ts';
import type { OverlayScene } from './board-renderer.ts';
import { presenceColor } from './tools.ts';
import type { WhiteboardSession } from './whiteboard-session.ts';

/** What a writer publishes about themselves; the server sets `user.name` from their ticket. */
interface PresenceState {
  user?: { name?: unknown; color?: unknown };
  cursor?: { page?: unknown; x?: unknown; y?: unknown } | null;
  draft?: { page?: unknown; shape?: unknown } | null;
}

/** Presence goes out at most this often: smooth enough for cursors, light for the server. */
const PUBLISH_EVERY_MS = 50;
/** A long stroke in progress is previewed by its last points (the server caps presence at 16 KB). */
const DRAFT_PREVIEW_NUMBERS = 1_200;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export interface RemotePresence {
  cursors: OverlayScene['cursors'];
  drafts: OverlayScene['drafts'];
}

/**
 * Other writers' cursors and strokes in progress on this page, and the publishing of
 * our own, throttled. Only writers publish: a reader's state stays null, so a big
 * audience sends no presence at all.
 */
export function usePresence(session: WhiteboardSession, page: string, canWrite: boolean, onRemote: (remote: RemotePresence) => void) {
  const pending = useRef<{ cursor: { x: number; y: number } | null; draft: ShapeData | null }>({ cursor: null, draft: null });
  const lastSent = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onRemoteRef = useRef(onRemote);
  onRemoteRef.current = onRemote;

  useEffect(() => {
    const awareness = session.provider.awareness;
    const update = () => {
      const cursors: RemotePresence['cursors'] = [];
      const drafts: RemotePresence['drafts'] = [];
      awareness.getStates().forEach((raw, clientId) => {
        if (clientId === awareness.clientID) return;
        const state = raw as PresenceState;
        const color = presenceColor(clientId);
        const cursor = state.cursor;
        if (cursor && cursor.page === page && isNumber(cursor.x) && isNumber(cursor.y)) {
          cursors.push({ x: cursor.x, y: cursor.y, name: typeof state.user?.name === 'string' ? state.user.name : '', color });
        }
        if (state.draft && state.draft.page === page) {
          const data = parseShapeData(state.draft.shape);
          if (data) drafts.push({ data });
        }
      });
      onRemoteRef.current({ cursors, drafts });
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [session, page]);

  const send = useCallback(() => {
    timer.current = undefined;
    lastSent.current = Date.now();
    const { cursor } = pending.current;
    const full = pending.current.draft;
    const draft = full && full.p.length > DRAFT_PREVIEW_NUMBERS ? { ...full, p: full.p.slice(-DRAFT_PREVIEW_NUMBERS) } : full;
    session.setPresence(cursor || draft ? { cursor: cursor && { page, ...cursor }, draft: draft && { page, shape: draft } } : {});
  }, [session, page]);

  // Readers (and writers who just lost the right) publish nothing.
  useEffect(() => {
    if (!canWrite) session.setPresence(null);
    else session.setPresence({});
    return () => {
      clearTimeout(timer.current);
      timer.current = undefined;
      session.setPresence(null);
    };
  }, [session, canWrite]);

  /** Our cursor (null when the pointer left the board) and the stroke being drawn. */
  const publish = useCallback((cursor: { x: number; y: number } | null, draft: ShapeData | null) => {
    if (!canWrite) return;
    pending.current = { cursor, draft };
    if (timer.current) return;
    const wait = PUBLISH_EVERY_MS - (Date.now() - lastSent.current);
    if (wait <= 0) send();
    else timer.current = setTimeout(send, wait);
  }, [canWrite, send]);

  return publish;
}
