import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import type * as Y from 'yjs';
import { shapeBounds, type Rect } from '../../../shared/whiteboard-geometry.ts';
import {
  BOARD_HEIGHT, BOARD_WIDTH, MAX_SHAPE_POINTS, appendShape, moveShapes, newShapeId, pageShapesArray, readPage, removeShapes,
  type BoardShape, type ShapeData, type ShapeKind, type ShapeParseCache,
} from '../../../shared/whiteboard-model.ts';
import { useT } from '../i18n/i18n.tsx';
import { BoardRenderer } from './board-renderer.ts';
import { PathCache } from './draw-shape.ts';
import { HitTester, shapesIn } from './hit-test.ts';
import { TextEditor, type Editing } from './text-editor.tsx';
import { CORNER_TOOLS, NOTE_SIZE, TEXT_SIZES, TOOLS, type ToolId, type WIDTHS } from './tools.ts';
import { usePresence, type RemotePresence } from './use-presence.ts';
import { LOCAL_ORIGIN, type WhiteboardSession } from './whiteboard-session.ts';

export interface BoardActions {
  deleteSelection(): void;
}

interface Point {
  x: number;
  y: number;
}

type Gesture =
  | { kind: 'draw'; data: ShapeData }
  | { kind: 'move'; start: Point; shapes: BoardShape[]; dx: number; dy: number }
  | { kind: 'marquee'; start: Point; rect: Rect }
  | { kind: 'erase' };

const ERASER_RADIUS = 10;
const clamp = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)));
const rectOf = (a: Point, b: Point): Rect => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) });

export interface BoardCanvasProps {
  ref?: Ref<BoardActions>;
  session: WhiteboardSession;
  page: string;
  label: string;
  canWrite: boolean;
  tool: ToolId;
  color: string;
  width: (typeof WIDTHS)[number];
  noteColor: string;
  onTool(tool: ToolId): void;
  onSelection(count: number): void;
}

/**
 * The drawing surface: two canvases (see BoardRenderer) and the pointer and keyboard
 * handling of every tool. Changes go into the Y.Doc with this person's origin, which
 * the undo manager tracks; the page's array is observed to repaint, whoever changed it.
 */
export function BoardCanvas({ ref, session, page, label, canWrite, tool, color, width, noteColor, onTool, onSelection }: BoardCanvasProps) {
  const { t } = useT();
  const wrapRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const paths = useMemo(() => new PathCache(), []);
  const hits = useMemo(() => new HitTester(paths), [paths]);
  const parseCache = useMemo<ShapeParseCache>(() => new WeakMap(), []);
  const renderer = useRef<BoardRenderer>(undefined);
  const shapes = useRef<BoardShape[]>([]);
  const selection = useRef<Set<Y.Map<unknown>>>(new Set());
  const gesture = useRef<Gesture>(undefined);
  const eraser = useRef<Point>(undefined);
  const remote = useRef<RemotePresence>({ cursors: [], drafts: [] });
  const [count, setCount] = useState(0);
  const [scale, setScale] = useState(1);
  const [editing, setEditing] = useState<Editing>();

  const hidden = useCallback(() => (gesture.current?.kind === 'move' ? new Set(gesture.current.shapes.map((s) => s.map)) : new Set<Y.Map<unknown>>()), []);

  const paintOverlay = useCallback(() => {
    const g = gesture.current;
    const own: { data: ShapeData; dx?: number; dy?: number }[] = [];
    if (g?.kind === 'draw') own.push({ data: g.data });
    if (g?.kind === 'move') for (const s of g.shapes) own.push({ data: s.data, dx: s.dx + g.dx, dy: s.dy + g.dy });
    const offset = g?.kind === 'move' ? { x: g.dx, y: g.dy } : { x: 0, y: 0 };
    const boxes = shapes.current.filter((s) => selection.current.has(s.map)).map((s) => {
      const r = shapeBounds(s);
      return { ...r, x: r.x + offset.x, y: r.y + offset.y };
    });
    renderer.current?.setScene({
      drafts: [...remote.current.drafts, ...own],
      selection: boxes,
      marquee: g?.kind === 'marquee' ? g.rect : undefined,
      cursors: remote.current.cursors,
      eraser: tool === 'eraser' && eraser.current && canWrite ? { ...eraser.current, radius: ERASER_RADIUS } : undefined,
    });
  }, [tool, canWrite]);

  const publish = usePresence(session, page, canWrite, (next) => {
    remote.current = next;
    paintOverlay();
  });

  const setSelection = useCallback((next: Set<Y.Map<unknown>>) => {
    selection.current = next;
    onSelection(next.size);
    paintOverlay();
  }, [onSelection, paintOverlay]);

  // The renderer follows the element's size (and the screen's pixel density).
  useEffect(() => {
    const r = new BoardRenderer(baseRef.current!, overlayRef.current!, paths);
    renderer.current = r;
    const observer = new ResizeObserver((entries) => {
      const cssWidth = entries[0]?.contentRect.width ?? 0;
      if (cssWidth <= 0) return;
      r.resize(cssWidth, window.devicePixelRatio || 1);
      r.setShapes(shapes.current, hidden());
      setScale(cssWidth / BOARD_WIDTH);
    });
    observer.observe(wrapRef.current!);
    return () => {
      observer.disconnect();
      r.destroy();
      renderer.current = undefined;
    };
  }, [paths, hidden]);

  // Whoever changes the page (this person, another, undo), it is read again and repainted.
  useEffect(() => {
    const array = pageShapesArray(session.doc, page);
    const refresh = () => {
      shapes.current = readPage(session.doc, page, parseCache);
      const present = new Set(shapes.current.map((s) => s.map));
      if ([...selection.current].some((m) => !present.has(m))) setSelection(new Set([...selection.current].filter((m) => present.has(m))));
      renderer.current?.setShapes(shapes.current, hidden());
      setCount(shapes.current.length);
      paintOverlay();
    };
    refresh();
    array.observeDeep(refresh);
    return () => array.unobserveDeep(refresh);
  }, [session, page, parseCache, hidden, paintOverlay, setSelection]);

  useEffect(() => paintOverlay(), [paintOverlay]);
  useEffect(() => {
    gesture.current = undefined;
    setEditing(undefined);
    setSelection(new Set());
  }, [session, page, canWrite, setSelection]);

  const deleteSelection = useCallback(() => {
    if (!canWrite || selection.current.size === 0) return;
    session.undo.stopCapturing();
    removeShapes(session.doc, page, selection.current, LOCAL_ORIGIN);
    setSelection(new Set());
  }, [canWrite, session, page, setSelection]);
  useImperativeHandle(ref, () => ({ deleteSelection }), [deleteSelection]);

  const toBoard = (e: { clientX: number; clientY: number }): Point => {
    const rect = overlayRef.current!.getBoundingClientRect();
    return { x: clamp(((e.clientX - rect.left) / rect.width) * BOARD_WIDTH, BOARD_WIDTH), y: clamp(((e.clientY - rect.top) / rect.height) * BOARD_HEIGHT, BOARD_HEIGHT) };
  };

  const commit = (data: ShapeData) => {
    session.undo.stopCapturing();
    appendShape(session.doc, page, data, LOCAL_ORIGIN);
  };

  const eraseAt = (p: Point) => {
    const touched = new Set(shapes.current.filter((s) => hits.touches(s, p.x, p.y, ERASER_RADIUS, false)).map((s) => s.map));
    if (touched.size > 0) removeShapes(session.doc, page, touched, LOCAL_ORIGIN);
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!canWrite || e.button !== 0 || editing) return;
    // No mouse-down focus change: it would take the focus from a text box opened just now.
    e.preventDefault();
    wrapRef.current?.focus({ preventScroll: true });
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = toBoard(e);
    const base = { id: newShapeId(), c: color, w: width };
    if (tool === 'pen' || tool === 'highlighter') {
      gesture.current = { kind: 'draw', data: { ...base, k: tool, p: [p.x, p.y] } };
    } else if (CORNER_TOOLS.has(tool as ShapeKind)) {
      gesture.current = { kind: 'draw', data: { ...base, k: tool as ShapeKind, p: [p.x, p.y, p.x, p.y] } };
    } else if (tool === 'text') {
      setEditing({ kind: 'text', x: p.x, y: p.y, text: '', color, size: TEXT_SIZES[width] });
    } else if (tool === 'note') {
      const x = Math.min(p.x, BOARD_WIDTH - NOTE_SIZE.w);
      const y = Math.min(p.y, BOARD_HEIGHT - NOTE_SIZE.h);
      setEditing({ kind: 'note', x, y, text: '', color: noteColor, size: 0 });
    } else if (tool === 'eraser') {
      session.undo.stopCapturing();
      gesture.current = { kind: 'erase' };
      eraseAt(p);
    } else {
      const hit = hits.shapeAt(shapes.current, p.x, p.y, 6 / scale);
      if (hit) {
        const next = selection.current.has(hit.map) ? selection.current : new Set(e.shiftKey ? [...selection.current, hit.map] : [hit.map]);
        setSelection(next);
        gesture.current = { kind: 'move', start: p, shapes: shapes.current.filter((s) => next.has(s.map)), dx: 0, dy: 0 };
        renderer.current?.setShapes(shapes.current, hidden());
      } else {
        if (!e.shiftKey) setSelection(new Set());
        gesture.current = { kind: 'marquee', start: p, rect: rectOf(p, p) };
      }
    }
    paintOverlay();
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!canWrite) return;
    const p = toBoard(e);
    eraser.current = p;
    const g = gesture.current;
    if (g?.kind === 'draw' && (g.data.k === 'pen' || g.data.k === 'highlighter')) {
      const points = [...g.data.p];
      // Coalesced events carry the points a fast stroke made between two frames.
      for (const event of e.nativeEvent.getCoalescedEvents?.() ?? [e.nativeEvent]) {
        const q = toBoard(event);
        const dx = q.x - points[points.length - 2]!;
        const dy = q.y - points[points.length - 1]!;
        if (dx * dx + dy * dy >= 4) points.push(q.x, q.y);
      }
      g.data = { ...g.data, p: points };
      if (points.length >= MAX_SHAPE_POINTS * 2) {
        commit(g.data);
        g.data = { ...g.data, id: newShapeId(), p: points.slice(-2) };
      }
    } else if (g?.kind === 'draw') {
      g.data = { ...g.data, p: [g.data.p[0]!, g.data.p[1]!, p.x, p.y] };
    } else if (g?.kind === 'move') {
      g.dx = p.x - g.start.x;
      g.dy = p.y - g.start.y;
    } else if (g?.kind === 'marquee') {
      g.rect = rectOf(g.start, p);
    } else if (g?.kind === 'erase') {
      eraseAt(p);
    }
    publish(p, g?.kind === 'draw' ? g.data : null);
    paintOverlay();
  };

  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = undefined;
    if (g?.kind === 'draw') {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = g.data.p;
      const corners = CORNER_TOOLS.has(g.data.k);
      if (!corners || Math.abs(x2 - x1) + Math.abs(y2 - y1) >= 4) commit(g.data);
    } else if (g?.kind === 'move') {
      session.undo.stopCapturing();
      moveShapes(session.doc, g.shapes, g.dx, g.dy, LOCAL_ORIGIN);
      renderer.current?.setShapes(shapes.current, hidden());
    } else if (g?.kind === 'marquee') {
      const inside = shapesIn(shapes.current, g.rect).map((s) => s.map);
      setSelection(new Set([...selection.current, ...inside]));
    }
    publish(eraser.current ?? null, null);
    paintOverlay();
  };

  const onPointerLeave = () => {
    eraser.current = undefined;
    publish(null, null);
    paintOverlay();
  };

  const onDoubleClick = (e: { clientX: number; clientY: number }) => {
    if (!canWrite || tool !== 'select') return;
    const p = toBoard(e);
    const hit = hits.shapeAt(shapes.current, p.x, p.y, 6 / scale);
    if (hit && (hit.data.k === 'text' || hit.data.k === 'note')) {
      setEditing({ kind: hit.data.k, x: hit.data.p[0]! + hit.dx, y: hit.data.p[1]! + hit.dy, text: hit.data.t ?? '', color: hit.data.c, size: hit.data.w, shape: hit });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || !canWrite) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z') session.undo[e.shiftKey ? 'redo' : 'undo']();
    else if (mod && key === 'y') session.undo.redo();
    else if (key === 'delete' || key === 'backspace') deleteSelection();
    else if (key === 'escape') setSelection(new Set());
    else if (!mod && !e.altKey) {
      const match = TOOLS.find((tl) => tl.key === key);
      if (!match) return;
      onTool(match.id);
    } else return;
    e.preventDefault();
  };

  return (
    <div
      ref={wrapRef}
      className={`wb-surface wb-tool-${canWrite ? tool : 'view'}`}
      tabIndex={0}
      role="img"
      aria-label={label}
      data-testid="whiteboard-surface"
      data-shape-count={count}
      onKeyDown={onKeyDown}
    >
      <canvas ref={baseRef} className="wb-canvas" aria-hidden="true" />
      <canvas
        ref={overlayRef}
        className="wb-canvas wb-overlay"
        aria-hidden="true"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={onPointerLeave}
        onDoubleClick={onDoubleClick}
      />
      {editing && (
        <TextEditor
          editing={editing}
          scale={scale}
          placeholder={t(editing.kind === 'note' ? 'whiteboard.notePlaceholder' : 'whiteboard.textPlaceholder')}
          session={session}
          page={page}
          onDone={() => {
            setEditing(undefined);
            wrapRef.current?.focus({ preventScroll: true });
          }}
        />
      )}
    </div>
  );
}
