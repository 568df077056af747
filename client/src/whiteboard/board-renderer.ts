import type * as Y from 'yjs';
import type { Rect } from '../../../shared/whiteboard-geometry.ts';
import { BOARD_HEIGHT, BOARD_WIDTH, type BoardShape, type ShapeData } from '../../../shared/whiteboard-model.ts';
import { drawShape, type PathCache } from './draw-shape.ts';

/** What is drawn above the board: strokes in progress, selection, other people's cursors. */
export interface OverlayScene {
  drafts: { data: ShapeData; dx?: number; dy?: number }[];
  selection: Rect[];
  marquee?: Rect | undefined;
  cursors: { x: number; y: number; name: string; color: string }[];
  eraser?: { x: number; y: number; radius: number } | undefined;
}

const EMPTY_SCENE: OverlayScene = { drafts: [], selection: [], cursors: [] };

/**
 * Two stacked canvases: the board's shapes, and an overlay for what moves. A shape
 * added on top (the usual case: someone drew a stroke) is drawn on the base canvas
 * alone; anything else (erasing, moving, undo) redraws the base once per frame.
 * Strokes in progress and cursors only ever repaint the overlay. This keeps a board
 * of thousands of strokes smooth: nothing repaints them while people draw.
 */
export class BoardRenderer {
  private scale = 1;
  private dpr = 1;
  private shapes: readonly BoardShape[] = [];
  private hidden: ReadonlySet<Y.Map<unknown>> = new Set();
  private drawn: readonly BoardShape[] = [];
  private scene: OverlayScene = EMPTY_SCENE;
  private baseDirty = false;
  private overlayDirty = false;
  private frame = 0;

  constructor(private readonly base: HTMLCanvasElement, private readonly overlay: HTMLCanvasElement, private readonly paths: PathCache) {}

  /** Board units per CSS pixel follow the element's width; the board keeps its 16:9 shape. */
  resize(cssWidth: number, dpr: number): void {
    this.scale = cssWidth / BOARD_WIDTH;
    this.dpr = dpr;
    for (const canvas of [this.base, this.overlay]) {
      canvas.width = Math.max(1, Math.round(BOARD_WIDTH * this.scale * dpr));
      canvas.height = Math.max(1, Math.round(BOARD_HEIGHT * this.scale * dpr));
    }
    this.drawn = [];
    this.baseDirty = true;
    this.overlayDirty = true;
    this.schedule();
  }

  /** The shapes of the page, bottom to top; `hidden` ones are being moved and drawn by the overlay instead. */
  setShapes(shapes: readonly BoardShape[], hidden: ReadonlySet<Y.Map<unknown>>): void {
    this.shapes = shapes;
    this.hidden = hidden;
    this.baseDirty = true;
    this.schedule();
  }

  setScene(scene: OverlayScene): void {
    this.scene = scene;
    this.overlayDirty = true;
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.paint());
  }

  private context(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
    const ctx = canvas.getContext('2d');
    ctx?.setTransform(this.scale * this.dpr, 0, 0, this.scale * this.dpr, 0, 0);
    return ctx;
  }

  private paint(): void {
    this.frame = 0;
    if (this.baseDirty) this.paintBase();
    if (this.overlayDirty) this.paintOverlay();
    this.baseDirty = false;
    this.overlayDirty = false;
  }

  private paintBase(): void {
    const ctx = this.context(this.base);
    if (!ctx) return;
    const visible = this.hidden.size === 0 ? this.shapes : this.shapes.filter((s) => !this.hidden.has(s.map));
    // Only additions on top since the last paint: draw just those.
    const previous = this.drawn;
    const appended = visible.length >= previous.length && previous.every((s, i) => visible[i]!.map === s.map && visible[i]!.data === s.data && visible[i]!.dx === s.dx && visible[i]!.dy === s.dy);
    if (!appended) ctx.clearRect(0, 0, BOARD_WIDTH, BOARD_HEIGHT);
    for (let i = appended ? previous.length : 0; i < visible.length; i++) {
      const shape = visible[i]!;
      drawShape(ctx, this.paths, shape.data, shape.dx, shape.dy);
    }
    this.drawn = visible;
  }

  private paintOverlay(): void {
    const ctx = this.context(this.overlay);
    if (!ctx) return;
    ctx.clearRect(0, 0, BOARD_WIDTH, BOARD_HEIGHT);
    const { drafts, selection, marquee, cursors, eraser } = this.scene;
    for (const draft of drafts) drawShape(ctx, this.paths, draft.data, draft.dx ?? 0, draft.dy ?? 0);
    const px = 1 / this.scale;
    ctx.lineWidth = 1.5 * px;
    ctx.strokeStyle = '#2f6fed';
    ctx.setLineDash([6 * px, 4 * px]);
    for (const r of selection) ctx.strokeRect(r.x - 4 * px, r.y - 4 * px, r.w + 8 * px, r.h + 8 * px);
    if (marquee) {
      ctx.fillStyle = 'rgba(47, 111, 237, 0.08)';
      ctx.fillRect(marquee.x, marquee.y, marquee.w, marquee.h);
      ctx.strokeRect(marquee.x, marquee.y, marquee.w, marquee.h);
    }
    ctx.setLineDash([]);
    if (eraser) {
      ctx.strokeStyle = '#6b7280';
      ctx.beginPath();
      ctx.arc(eraser.x, eraser.y, eraser.radius, 0, Math.PI * 2);
      ctx.stroke();
    }
    for (const cursor of cursors) this.paintCursor(ctx, cursor, px);
  }

  private paintCursor(ctx: CanvasRenderingContext2D, cursor: OverlayScene['cursors'][number], px: number): void {
    ctx.save();
    ctx.translate(cursor.x, cursor.y);
    ctx.scale(px, px);
    ctx.fillStyle = cursor.color;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(0, 16);
    ctx.lineTo(4.5, 12);
    ctx.lineTo(11, 12);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.font = `600 12px ${getComputedStyle(this.overlay).fontFamily || 'sans-serif'}`;
    const label = cursor.name.length > 28 ? `${cursor.name.slice(0, 27)}…` : cursor.name;
    const width = ctx.measureText(label).width + 10;
    ctx.beginPath();
    ctx.roundRect(10, 16, width, 18, 4);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, 15, 29);
    ctx.restore();
  }
}
