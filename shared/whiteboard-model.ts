import * as Y from 'yjs';

/**
 * The whiteboard's shared document (ROOM-10), read by the browser, the server's export
 * and the benchmark. Layout of the Y.Doc:
 *
 * - `shapes:<pageId>`: Y.Array of shapes, in drawing order (later on top). A shape is a
 *   Y.Map `{ s: ShapeData, x, y }`: its drawing, which never changes once drawn except
 *   for a text edit (replaced whole), and an offset that "select and move" sets.
 * - `pages`: Y.Array of the ids of pages after the first (`main`), in order. Every
 *   page is a root type of its own, so two people adding shapes to a page that nobody
 *   "created" never conflict.
 * - `view`: Y.Map `{ page }`: the page the presenters show; viewers follow it.
 *
 * Anyone allowed to write can put anything in the document, so every reader goes
 * through `readShape`, which drops what does not look like a shape.
 */
export const BOARD_WIDTH = 1600;
export const BOARD_HEIGHT = 900;
export const FIRST_PAGE_ID = 'main';
export const MAX_PAGES = 50;
export const PAGES_ROOT = 'pages';
export const VIEW_ROOT = 'view';
const SHAPES_PREFIX = 'shapes:';
const PAGE_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Root type names a client may create; anything else in an update is refused. */
export function isBoardRootName(name: string): boolean {
  return name === PAGES_ROOT || name === VIEW_ROOT || (name.startsWith(SHAPES_PREFIX) && PAGE_ID.test(name.slice(SHAPES_PREFIX.length)));
}

export const SHAPE_KINDS = ['pen', 'highlighter', 'line', 'arrow', 'rect', 'ellipse', 'text', 'note'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

/**
 * One drawing. `p` holds its coordinates in board units (0..1600 × 0..900): the points
 * of a pen or highlighter stroke; the two corners of a line, arrow, rectangle, ellipse
 * or sticky note; the top-left corner of a text. `c` is its colour (a note's paper
 * colour), `w` its stroke width (a text's font size).
 */
export interface ShapeData {
  id: string;
  k: ShapeKind;
  c: string;
  w: number;
  p: number[];
  /** Text of a text or sticky note. */
  t?: string;
  /** Author's participant name, for the export's metadata and moderation. */
  by?: string;
}

export interface BoardShape {
  map: Y.Map<unknown>;
  data: ShapeData;
  dx: number;
  dy: number;
}

export const MAX_SHAPE_POINTS = 10_000;
export const MAX_TEXT_LENGTH = 2_000;
const COLOR = /^#[0-9a-fA-F]{6}$/;

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 100_000;
}

/** The drawing of a stored value, or undefined when it is not a well-formed shape. */
export function parseShapeData(value: unknown): ShapeData | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id.length > 64) return undefined;
  if (typeof v.k !== 'string' || !(SHAPE_KINDS as readonly string[]).includes(v.k)) return undefined;
  if (typeof v.c !== 'string' || !COLOR.test(v.c)) return undefined;
  if (typeof v.w !== 'number' || !(v.w >= 1 && v.w <= 96)) return undefined;
  if (!Array.isArray(v.p) || v.p.length < 2 || v.p.length > MAX_SHAPE_POINTS * 2 || v.p.length % 2 !== 0 || !v.p.every(isCoordinate)) return undefined;
  const kind = v.k as ShapeKind;
  const corners = kind === 'line' || kind === 'arrow' || kind === 'rect' || kind === 'ellipse' || kind === 'note';
  if (corners && v.p.length !== 4) return undefined;
  if (kind === 'text' && v.p.length !== 2) return undefined;
  if (v.t !== undefined && (typeof v.t !== 'string' || v.t.length > MAX_TEXT_LENGTH)) return undefined;
  if (v.by !== undefined && (typeof v.by !== 'string' || v.by.length > 200)) return undefined;
  return v as unknown as ShapeData;
}

/**
 * Remembers which stored values were checked, so a board of thousands of strokes is
 * not re-validated point by point on every change (stored values never change in place).
 */
export type ShapeParseCache = WeakMap<object, ShapeData | null>;

function cachedParse(value: unknown, cache: ShapeParseCache | undefined): ShapeData | undefined {
  if (!cache || typeof value !== 'object' || value === null) return parseShapeData(value);
  let data = cache.get(value);
  if (data === undefined) {
    data = parseShapeData(value) ?? null;
    cache.set(value, data);
  }
  return data ?? undefined;
}

/** A shape with its offset, or undefined for anything in the array that is not one. */
export function readShape(item: unknown, cache?: ShapeParseCache): BoardShape | undefined {
  if (!(item instanceof Y.Map)) return undefined;
  const data = cachedParse(item.get('s'), cache);
  if (!data) return undefined;
  const x = item.get('x');
  const y = item.get('y');
  return { map: item as Y.Map<unknown>, data, dx: isCoordinate(x) ? x : 0, dy: isCoordinate(y) ? y : 0 };
}

export function pageShapesArray(doc: Y.Doc, pageId: string): Y.Array<unknown> {
  return doc.getArray(SHAPES_PREFIX + pageId);
}

/** Every well-formed shape of a page, bottom to top. */
export function readPage(doc: Y.Doc, pageId: string, cache?: ShapeParseCache): BoardShape[] {
  const shapes: BoardShape[] = [];
  for (const item of pageShapesArray(doc, pageId)) {
    const shape = readShape(item, cache);
    if (shape) shapes.push(shape);
  }
  return shapes;
}

/** The pages in order: the first one always exists, the others once someone added them. */
export function pageIds(doc: Y.Doc): string[] {
  const ids = [FIRST_PAGE_ID];
  for (const id of doc.getArray<unknown>(PAGES_ROOT)) {
    if (typeof id === 'string' && PAGE_ID.test(id) && !ids.includes(id)) ids.push(id);
    if (ids.length >= MAX_PAGES) break;
  }
  return ids;
}

/** The page presenters show, or the first one. */
export function viewedPage(doc: Y.Doc): string {
  const page = doc.getMap<unknown>(VIEW_ROOT).get('page');
  return typeof page === 'string' && pageIds(doc).includes(page) ? page : FIRST_PAGE_ID;
}

export function newShapeId(): string {
  return Math.random().toString(36).slice(2, 12) + Date.now().toString(36).slice(-4);
}

/** Draws a shape on top of a page. */
export function appendShape(doc: Y.Doc, pageId: string, data: ShapeData, origin?: unknown): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  map.set('s', data);
  doc.transact(() => pageShapesArray(doc, pageId).push([map]), origin);
  return map;
}

/** Removes shapes (eraser, delete key) in one change. */
export function removeShapes(doc: Y.Doc, pageId: string, maps: ReadonlySet<Y.Map<unknown>>, origin?: unknown): void {
  if (maps.size === 0) return;
  const array = pageShapesArray(doc, pageId);
  doc.transact(() => {
    // From the top down, so earlier indexes stay valid while deleting.
    for (let i = array.length - 1; i >= 0; i--) {
      if (maps.has(array.get(i) as Y.Map<unknown>)) array.delete(i, 1);
    }
  }, origin);
}

export function moveShapes(doc: Y.Doc, shapes: readonly BoardShape[], dx: number, dy: number, origin?: unknown): void {
  if (shapes.length === 0 || (dx === 0 && dy === 0)) return;
  doc.transact(() => {
    for (const shape of shapes) {
      shape.map.set('x', Math.round(shape.dx + dx));
      shape.map.set('y', Math.round(shape.dy + dy));
    }
  }, origin);
}

/** A text edit replaces the drawing whole: last writer wins, like any field of the board. */
export function replaceShapeData(doc: Y.Doc, map: Y.Map<unknown>, data: ShapeData, origin?: unknown): void {
  doc.transact(() => map.set('s', data), origin);
}

export function clearPage(doc: Y.Doc, pageId: string, origin?: unknown): void {
  const array = pageShapesArray(doc, pageId);
  if (array.length > 0) doc.transact(() => array.delete(0, array.length), origin);
}

/** Adds a page after the last one and returns its id. */
export function addPage(doc: Y.Doc, origin?: unknown): string {
  const id = newShapeId();
  doc.transact(() => doc.getArray<string>(PAGES_ROOT).push([id]), origin);
  return id;
}

export function showPage(doc: Y.Doc, pageId: string, origin?: unknown): void {
  doc.transact(() => doc.getMap<unknown>(VIEW_ROOT).set('page', pageId), origin);
}
