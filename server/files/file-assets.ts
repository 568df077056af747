import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileStorage } from './file-storage.ts';
import type { FileRow } from './files-store.ts';

/** Where a ready file's derived pictures and media are, and with which type they are served. */
export interface Asset {
  path: string;
  type: string;
}

const MEDIA = [
  { file: 'media.mp4', type: 'video/mp4' },
  { file: 'media.m4a', type: 'audio/mp4' },
  { file: 'media.mp3', type: 'audio/mpeg' },
];

export function mediaAsset(storage: FileStorage, row: FileRow): Asset | undefined {
  if (row.status !== 'ready') return undefined;
  for (const m of MEDIA) {
    const path = join(storage.dir(row.id), m.file);
    if (existsSync(path)) return { path, type: m.type };
  }
  return undefined;
}

export function pageAsset(storage: FileStorage, row: FileRow, folder: 'pages' | 'thumbs', page: number): Asset | undefined {
  if (row.status !== 'ready' || !row.pages || page < 1 || page > row.pages) return undefined;
  for (const [ext, type] of [['jpg', 'image/jpeg'], ['png', 'image/png']] as const) {
    const path = join(storage.dir(row.id), folder, `${page}.${ext}`);
    if (existsSync(path)) return { path, type };
  }
  return undefined;
}

export function thumbnailAsset(storage: FileStorage, row: FileRow): Asset | undefined {
  if (row.status !== 'ready') return undefined;
  const poster = join(storage.dir(row.id), 'thumb.jpg');
  if (existsSync(poster)) return { path: poster, type: 'image/jpeg' };
  return pageAsset(storage, row, 'thumbs', 1);
}

/** What the download gives: the cleaned image for pictures (nothing hidden survives), the original otherwise. */
export function downloadAsset(storage: FileStorage, row: FileRow): Asset {
  if (row.kind === 'image') {
    const page = pageAsset(storage, row, 'pages', 1);
    if (page) return page;
  }
  return { path: storage.original(row.id), type: row.mime || 'application/octet-stream' };
}

/** The picture shown for a page that could not be drawn: our own SVG, with the reason, nothing from the file. */
export function placeholderSvg(page: number, message: string): string {
  const text = message.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!).slice(0, 120);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900"><rect width="1600" height="900" fill="#f1f3f5"/><text x="800" y="420" font-family="sans-serif" font-size="48" text-anchor="middle" fill="#495057">Page ${page}</text><text x="800" y="500" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#868e96">${text}</text></svg>`;
}
