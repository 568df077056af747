import type { ShapeKind } from '../../../shared/whiteboard-model.ts';

/** The drawing tools, in toolbar order, with their keyboard shortcuts. */
export const TOOLS = [
  { id: 'select', key: 'v' },
  { id: 'pen', key: 'p' },
  { id: 'highlighter', key: 'h' },
  { id: 'line', key: 'l' },
  { id: 'arrow', key: 'a' },
  { id: 'rect', key: 'r' },
  { id: 'ellipse', key: 'o' },
  { id: 'text', key: 't' },
  { id: 'note', key: 'n' },
  { id: 'eraser', key: 'e' },
] as const;
export type ToolId = (typeof TOOLS)[number]['id'];

/** Tools that draw a shape by dragging from one corner to the other. */
export const CORNER_TOOLS: ReadonlySet<ShapeKind> = new Set(['line', 'arrow', 'rect', 'ellipse']);

export const COLORS = ['#1e1e1e', '#e03131', '#f08c00', '#fab005', '#2f9e44', '#1971c2', '#9c36b5', '#ffffff'] as const;
export const NOTE_COLORS = ['#fff3bf', '#d3f9d8', '#d0ebff', '#ffdeeb'] as const;
export const WIDTHS = [2, 4, 8, 16] as const;
export const TEXT_SIZES: Record<(typeof WIDTHS)[number], number> = { 2: 18, 4: 24, 8: 36, 16: 56 };
export const NOTE_SIZE = { w: 220, h: 170 } as const;

/** A colour per person for cursors, from their client id, so it stays the same while they are here. */
export function presenceColor(clientId: number): string {
  const palette = ['#e03131', '#1971c2', '#2f9e44', '#9c36b5', '#f08c00', '#0c8599', '#c2255c', '#5f3dc4'];
  return palette[clientId % palette.length]!;
}
