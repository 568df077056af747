import {
  FONT_FAMILY, HIGHLIGHTER_OPACITY, LINE_HEIGHT, NOTE_FONT_SIZE, NOTE_PADDING, NOTE_TEXT_COLOR,
  cornersRect, drawnWidth, shapePath, traceStroke, wrapText,
} from '../../../shared/whiteboard-geometry.ts';
import type { ShapeData } from '../../../shared/whiteboard-model.ts';

/**
 * Outlines as Path2D objects, one per drawing, from the same geometry the server's
 * export uses (freehand strokes traced straight into the Path2D: a board of 10,000
 * of them is built without writing and parsing path text). A drawing never changes in
 * place (an edit replaces it), so the cache needs no invalidation. One cache per board.
 */
export class PathCache {
  private readonly paths = new WeakMap<ShapeData, Path2D | null>();

  of(data: ShapeData): Path2D | null {
    let path = this.paths.get(data);
    if (path === undefined) {
      if (data.k === 'pen' || data.k === 'highlighter') {
        path = new Path2D();
        traceStroke(data.p, path);
      } else {
        const d = shapePath(data);
        path = d ? new Path2D(d) : null;
      }
      this.paths.set(data, path);
    }
    return path;
  }
}

function drawLines(ctx: CanvasRenderingContext2D, lines: readonly string[], x: number, y: number, size: number): void {
  lines.forEach((line, i) => ctx.fillText(line, x, y + size * 0.9 + i * size * LINE_HEIGHT));
}

export function noteLines(ctx: CanvasRenderingContext2D, data: ShapeData): string[] {
  const r = cornersRect(data.p);
  ctx.font = `${NOTE_FONT_SIZE}px ${FONT_FAMILY}`;
  const maxLines = Math.max(0, Math.floor((r.h - NOTE_PADDING * 2) / (NOTE_FONT_SIZE * LINE_HEIGHT)));
  return wrapText(data.t ?? '', r.w - NOTE_PADDING * 2, (s) => ctx.measureText(s).width).slice(0, maxLines);
}

/** Draws one shape on a 2D canvas whose transform maps board units to pixels. */
export function drawShape(ctx: CanvasRenderingContext2D, paths: PathCache, data: ShapeData, dx = 0, dy = 0): void {
  ctx.save();
  if (dx !== 0 || dy !== 0) ctx.translate(dx, dy);
  if (data.k === 'text') {
    ctx.font = `${data.w}px ${FONT_FAMILY}`;
    ctx.fillStyle = data.c;
    drawLines(ctx, (data.t ?? '').split('\n'), data.p[0]!, data.p[1]!, data.w);
  } else if (data.k === 'note') {
    const r = cornersRect(data.p);
    ctx.shadowColor = 'rgba(0, 0, 0, 0.18)';
    ctx.shadowBlur = 6;
    ctx.shadowOffsetY = 2;
    ctx.fillStyle = data.c;
    ctx.beginPath();
    ctx.roundRect(r.x, r.y, r.w, r.h, 6);
    ctx.fill();
    ctx.shadowColor = 'transparent';
    ctx.fillStyle = NOTE_TEXT_COLOR;
    drawLines(ctx, noteLines(ctx, data), r.x + NOTE_PADDING, r.y + NOTE_PADDING, NOTE_FONT_SIZE);
  } else {
    const path = paths.of(data);
    if (path) {
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = drawnWidth(data);
      ctx.strokeStyle = data.c;
      if (data.k === 'highlighter') ctx.globalAlpha = HIGHLIGHTER_OPACITY;
      ctx.stroke(path);
    }
  }
  ctx.restore();
}
