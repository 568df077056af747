import { drawnWidth, rectContains, rectsIntersect, shapeBounds, type Rect } from '../../../shared/whiteboard-geometry.ts';
import type { BoardShape } from '../../../shared/whiteboard-model.ts';
import type { PathCache } from './draw-shape.ts';

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + by * 2, h: r.h + by * 2 };
}

/** Every shape whose box meets the rectangle (a marquee selection). */
export function shapesIn(shapes: readonly BoardShape[], rect: Rect): BoardShape[] {
  return shapes.filter((s) => rectsIntersect(shapeBounds(s), rect));
}

/**
 * Which shapes are under the pointer: a cheap bounding-box test first, then the
 * canvas's own isPointInStroke/isPointInPath on the shape's cached outline, so thin
 * strokes are hit where they are drawn and not anywhere in their box.
 */
export class HitTester {
  private scratch: CanvasRenderingContext2D | null | undefined;

  constructor(private readonly paths: PathCache) {}

  /** True when the point is on the shape (within `tolerance` board units); `inside` also counts the area of closed shapes. */
  touches(shape: BoardShape, x: number, y: number, tolerance: number, inside: boolean): boolean {
    if (!rectContains(grow(shapeBounds(shape), tolerance), x, y)) return false;
    const { data } = shape;
    if (data.k === 'text' || data.k === 'note') return true;
    const path = this.paths.of(data);
    this.scratch ??= document.createElement('canvas').getContext('2d');
    const ctx = this.scratch;
    if (!path || !ctx) return true;
    const px = x - shape.dx;
    const py = y - shape.dy;
    ctx.lineWidth = drawnWidth(data) + tolerance * 2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (ctx.isPointInStroke(path, px, py)) return true;
    return inside && (data.k === 'rect' || data.k === 'ellipse') && ctx.isPointInPath(path, px, py);
  }

  /** The topmost shape at a point (what a click selects). */
  shapeAt(shapes: readonly BoardShape[], x: number, y: number, tolerance: number): BoardShape | undefined {
    for (let i = shapes.length - 1; i >= 0; i--) {
      if (this.touches(shapes[i]!, x, y, tolerance, true)) return shapes[i];
    }
    return undefined;
  }
}
