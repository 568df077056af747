import type * as Y from 'yjs';
import {
  FONT_FAMILY, HIGHLIGHTER_OPACITY, LINE_HEIGHT, NOTE_FONT_SIZE, NOTE_PADDING, NOTE_TEXT_COLOR,
  cornersRect, drawnWidth, estimateTextWidth, shapePath, wrapText,
} from '../../shared/whiteboard-geometry.ts';
import { BOARD_HEIGHT, BOARD_WIDTH, pageIds, readPage, type BoardShape } from '../../shared/whiteboard-model.ts';

/** Space between pages when a whole board is exported as one picture. */
const PAGE_GAP = 40;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
const num = (value: number) => String(Math.round(value * 10) / 10);

function textLines(lines: readonly string[], x: number, y: number, size: number, color: string): string {
  const spans = lines.map((line, i) => `<tspan x="${num(x)}" y="${num(y + size * 0.9 + i * size * LINE_HEIGHT)}">${escapeXml(line) || ' '}</tspan>`).join('');
  return `<text font-family="${escapeXml(FONT_FAMILY)}" font-size="${num(size)}" fill="${color}" xml:space="preserve">${spans}</text>`;
}

function shapeSvg(shape: BoardShape): string {
  const { data, dx, dy } = shape;
  const move = dx !== 0 || dy !== 0 ? ` transform="translate(${num(dx)} ${num(dy)})"` : '';
  if (data.k === 'text') {
    return `<g${move}>${textLines((data.t ?? '').split('\n'), data.p[0]!, data.p[1]!, data.w, data.c)}</g>`;
  }
  if (data.k === 'note') {
    const r = cornersRect(data.p);
    const inner = r.w - NOTE_PADDING * 2;
    const maxLines = Math.max(0, Math.floor((r.h - NOTE_PADDING * 2) / (NOTE_FONT_SIZE * LINE_HEIGHT)));
    const lines = wrapText(data.t ?? '', inner, (s) => estimateTextWidth(s, NOTE_FONT_SIZE)).slice(0, maxLines);
    return `<g${move}><rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" rx="6" fill="${data.c}" stroke="#00000022"/>`
      + `${textLines(lines, r.x + NOTE_PADDING, r.y + NOTE_PADDING, NOTE_FONT_SIZE, NOTE_TEXT_COLOR)}</g>`;
  }
  const d = shapePath(data);
  if (!d) return '';
  const opacity = data.k === 'highlighter' ? ` stroke-opacity="${HIGHLIGHTER_OPACITY}"` : '';
  return `<path d="${d}" fill="none" stroke="${data.c}" stroke-width="${num(drawnWidth(data))}" stroke-linecap="round" stroke-linejoin="round"${opacity}${move}/>`;
}

/**
 * The board as an SVG picture: one page (1-based `page`) or all pages one below the
 * other. Every value comes through `readShape`, and text is escaped, so what people
 * wrote on the board cannot become markup.
 */
export function renderBoardSvg(doc: Y.Doc, options: { page?: number } = {}): { svg: string; width: number; height: number } {
  const ids = pageIds(doc);
  const pages = options.page === undefined ? ids : ids.slice(options.page - 1, options.page);
  const height = pages.length * BOARD_HEIGHT + Math.max(0, pages.length - 1) * PAGE_GAP;
  const body = pages.map((pageId, i) => {
    const shapes = readPage(doc, pageId).map(shapeSvg).join('');
    const top = i * (BOARD_HEIGHT + PAGE_GAP);
    return `<g transform="translate(0 ${top})"><rect width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" fill="#ffffff" stroke="#d0d7de"/>`
      + `<svg width="${BOARD_WIDTH}" height="${BOARD_HEIGHT}" viewBox="0 0 ${BOARD_WIDTH} ${BOARD_HEIGHT}" overflow="hidden">${shapes}</svg></g>`;
  }).join('');
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${BOARD_WIDTH}" height="${height}" viewBox="0 0 ${BOARD_WIDTH} ${height}">${body}</svg>\n`;
  return { svg, width: BOARD_WIDTH, height };
}

/** How many pages the board has (the export's `page` parameter is checked against it). */
export function boardPageCount(doc: Y.Doc): number {
  return pageIds(doc).length;
}
