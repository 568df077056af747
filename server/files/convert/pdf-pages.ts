import { readdir, rename, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_PAGES, type PageError } from '../../../shared/file-schemas.ts';
import { ConversionError, runTool, type ConversionJob } from './conversion.ts';

/** Slide width in pixels: sharp on a 1080p stage, light enough for a phone. */
export const SLIDE_WIDTH = 1600;
export const THUMB_WIDTH = 240;
const MEMORY_MB = 768;

/**
 * PDF → one JPEG per page and a thumbnail per page (pdftoppm), at most 200 pages. The
 * page count is read first (pdfinfo), so a 100,000-page PDF is refused before any
 * drawing; `-scale-to` bounds every picture whatever size the page claims (a page built
 * to exhaust memory), and the memory cap stops what slips through. A page that cannot
 * be drawn is tried once on its own, then listed with its error (the stage shows a
 * placeholder for it) instead of failing the whole deck.
 */
export async function pdfToPages(job: ConversionJob, pdf: string, progress: { from: number; to: number }): Promise<{ pages: number; pageErrors: PageError[]; width: number; height: number }> {
  const info = await runTool(job, '/usr/bin/pdfinfo', [pdf], { memoryMb: MEMORY_MB, timeoutSeconds: 20, what: 'reading the PDF' }).catch((error: unknown) => {
    const text = String((error as Error).message);
    if (/Incorrect password|encrypted/i.test(text)) throw new ConversionError(`"${job.name}" is protected by a password; save it without one and upload it again.`);
    throw new ConversionError(`"${job.name}" is not a readable PDF${/\((.*)\)/.exec(text)?.[1] ? ` (${/\((.*)\)/.exec(text)![1]})` : ''}.`);
  });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? 0);
  if (!pages) throw new ConversionError(`"${job.name}" has no pages.`);
  if (pages > MAX_PAGES) throw new ConversionError(`"${job.name}" has ${pages.toLocaleString('en')} pages; at most ${MAX_PAGES} can be shown. Split it or remove pages.`);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info.stdout);
  const [w, h] = size ? [Number(size[1]), Number(size[2])] : [4, 3];

  const out = join(job.jobDir, 'out');
  await mkdir(join(out, 'pages'), { recursive: true });
  await mkdir(join(out, 'thumbs'), { recursive: true });
  const span = progress.to - progress.from;
  const render = async (width: number, dir: string, share: { from: number; to: number }, first?: number) => {
    const range = first ? ['-f', String(first), '-l', String(first)] : [];
    await runTool(job, '/usr/bin/pdftoppm', ['-jpeg', '-jpegopt', 'quality=85', '-scale-to', String(width), '-progress', ...range, pdf, `/job/out/${dir}/p`], {
      memoryMb: MEMORY_MB,
      timeoutSeconds: 20 + (first ? 1 : pages) * 10,
      what: first ? `drawing page ${first}` : 'drawing the pages',
      // "-progress" writes "<page> <last page> <file>" per page.
      onLine: (line, stream) => {
        const match = stream === 'stderr' ? /^(\d+) (\d+) /.exec(line) : null;
        if (match && !first) job.onProgress(progress.from + span * (share.from + (share.to - share.from) * (Number(match[1]) / pages)));
      },
    });
  };
  // A failure here is looked at page by page below.
  await render(SLIDE_WIDTH, 'pages', { from: 0, to: 0.8 }).catch(() => undefined);
  await render(THUMB_WIDTH, 'thumbs', { from: 0.8, to: 1 }).catch(() => undefined);
  await normalizeNames(join(out, 'pages'));
  await normalizeNames(join(out, 'thumbs'));
  const drawn = new Set((await readdir(join(out, 'pages'))).map((f) => Number.parseInt(f, 10)));
  const pageErrors: PageError[] = [];
  for (let page = 1; page <= pages; page++) {
    if (drawn.has(page)) continue;
    try {
      await render(SLIDE_WIDTH, 'pages', { from: 0, to: 0 }, page);
      await render(THUMB_WIDTH, 'thumbs', { from: 0, to: 0 }, page).catch(() => undefined);
      await normalizeNames(join(out, 'pages'));
      await normalizeNames(join(out, 'thumbs'));
    } catch (error) {
      pageErrors.push({ page, message: `Page ${page} could not be drawn: ${(error as Error).message.replace(/^"[^"]*": /, '')}` });
    }
  }
  if (pageErrors.length === pages) throw new ConversionError(`"${job.name}": no page could be drawn (${pageErrors[0]!.message}).`);
  job.onProgress(progress.to);
  return { pages, pageErrors, width: Math.round(w), height: Math.round(h) };
}

/** pdftoppm pads page numbers to the count's width (p-007.jpg); we store 7.jpg. */
async function normalizeNames(dir: string): Promise<void> {
  for (const file of await readdir(dir)) {
    const match = /^p-0*(\d+)\.jpg$/.exec(file);
    if (match) await rename(join(dir, file), join(dir, `${match[1]}.jpg`));
  }
}
