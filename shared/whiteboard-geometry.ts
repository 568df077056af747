import type { BoardShape, ShapeData } from './whiteboard-model.ts';

/**
 * Geometry of the whiteboard's shapes, shared by the browser's canvas (which builds a
 * Path2D from the same SVG path text, or from the same trace for freehand strokes) and
 * the server's SVG/PNG export, so a board looks the same in both.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const HIGHLIGHTER_OPACITY = 0.35;
export const NOTE_PADDING = 12;
export const NOTE_FONT_SIZE = 20;
export const NOTE_TEXT_COLOR = '#1f2328';
export const LINE_HEIGHT = 1.25;
export const FONT_FAMILY = 'Inter, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif';

const n = (value: number) => String(Math.round(value * 10) / 10);

export function cornersRect(p: readonly number[]): Rect {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = p;
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
}

/** Where a freehand stroke is traced to: SVG path text on the server, a Path2D in the browser. */
export interface StrokeSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cx: number, cy: number, x: number, y: number): void;
}

/**
 * A freehand stroke through the midpoints of its points: smooth without a fitting step.
 * Traced straight into a sink, so a browser building thousands of them skips writing
 * and parsing path text.
 */
export function traceStroke(p: readonly number[], sink: StrokeSink): void {
  const count = p.length / 2;
  const x0 = p[0]!;
  const y0 = p[1]!;
  sink.moveTo(x0, y0);
  // A single tap still leaves a dot (round caps on a tiny segment).
  if (count === 1) return sink.lineTo(x0 + 0.1, y0);
  for (let i = 1; i < count - 1; i++) {
    const x = p[i * 2]!;
    const y = p[i * 2 + 1]!;
    sink.quadraticCurveTo(x, y, (x + p[i * 2 + 2]!) / 2, (y + p[i * 2 + 3]!) / 2);
  }
  sink.lineTo(p[p.length - 2]!, p[p.length - 1]!);
}

function strokePath(p: readonly number[]): string {
  let d = '';
  traceStroke(p, {
    moveTo: (x, y) => void (d += `M${n(x)} ${n(y)}`),
    lineTo: (x, y) => void (d += `L${n(x)} ${n(y)}`),
    quadraticCurveTo: (cx, cy, x, y) => void (d += `Q${n(cx)} ${n(cy)} ${n(x)} ${n(y)}`),
  });
  return d;
}

function arrowPath(p: readonly number[], width: number): string {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = p;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = Math.max(14, width * 4);
  const wing = (side: number) => `M${n(x2)} ${n(y2)}L${n(x2 - head * Math.cos(angle + side * Math.PI / 7))} ${n(y2 - head * Math.sin(angle + side * Math.PI / 7))}`;
  return `M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}${wing(1)}${wing(-1)}`;
}

/** The outline of a drawn shape as SVG path data; texts and notes have none. */
export function shapePath(data: ShapeData): string | undefined {
  switch (data.k) {
    case 'pen':
    case 'highlighter':
      return strokePath(data.p);
    case 'line': {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = data.p;
      return `M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}`;
    }
    case 'arrow':
      return arrowPath(data.p, data.w);
    case 'rect': {
      const r = cornersRect(data.p);
      return `M${n(r.x)} ${n(r.y)}H${n(r.x + r.w)}V${n(r.y + r.h)}H${n(r.x)}Z`;
    }
    case 'ellipse': {
      const r = cornersRect(data.p);
      const rx = Math.max(r.w / 2, 0.5);
      const ry = Math.max(r.h / 2, 0.5);
      const cy = r.y + r.h / 2;
      return `M${n(r.x)} ${n(cy)}A${n(rx)} ${n(ry)} 0 1 0 ${n(r.x + 2 * rx)} ${n(cy)}A${n(rx)} ${n(ry)} 0 1 0 ${n(r.x)} ${n(cy)}Z`;
    }
    default:
      return undefined;
  }
}

/** The width a highlighter stroke is drawn with: broader than a pen of the same setting. */
export function drawnWidth(data: ShapeData): number {
  return data.k === 'highlighter' ? data.w * 3 : data.w;
}

/** Rough text width without a font engine (the server's export, hit-testing before layout). */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/**
 * Breaks text into lines no wider than `maxWidth`, at spaces where possible. Keeps
 * explicit line breaks. `measure` is the canvas's measureText in the browser.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth || !line) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
      // A single word longer than the line is cut where it overflows.
      while (measure(line) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && measure(line.slice(0, cut)) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The box a shape covers on the board, with its offset and half its stroke. */
export function shapeBounds(shape: Pick<BoardShape, 'data' | 'dx' | 'dy'>): Rect {
  const { data, dx, dy } = shape;
  let rect: Rect;
  if (data.k === 'text') {
    const lines = (data.t ?? '').split('\n');
    const widest = Math.max(1, ...lines.map((l) => estimateTextWidth(l, data.w)));
    rect = { x: data.p[0]!, y: data.p[1]!, w: widest, h: lines.length * data.w * LINE_HEIGHT };
  } else if (data.k === 'note') {
    rect = cornersRect(data.p);
  } else {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < data.p.length; i += 2) {
      minX = Math.min(minX, data.p[i]!);
      maxX = Math.max(maxX, data.p[i]!);
      minY = Math.min(minY, data.p[i + 1]!);
      maxY = Math.max(maxY, data.p[i + 1]!);
    }
    const pad = drawnWidth(data) / 2 + (data.k === 'arrow' ? Math.max(14, data.w * 4) : 0);
    rect = { x: minX - pad, y: minY - pad, w: maxX - minX + pad * 2, h: maxY - minY + pad * 2 };
  }
  return { x: rect.x + dx, y: rect.y + dy, w: rect.w, h: rect.h };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}

export function rectContains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}
