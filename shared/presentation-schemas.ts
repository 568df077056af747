import * as v from 'valibot';
import { FileIdParam, MAX_PAGES } from './file-schemas.ts';

/**
 * Slides on the stage (ROOM-12): a presentation from the file library shown in everyone's
 * main window, one page at a time. The room messages and the REST bodies share these
 * schemas; the room state carries the presentation (see StagePresentation in
 * live-room-state.ts), so a late joiner and the recorder view see the current page.
 */

const FileId = FileIdParam.entries.fileId;
export const SlidePage = v.pipe(v.number('The page is a number.'), v.integer('The page is a whole number.'), v.minValue(1, 'Pages start at 1.'), v.maxValue(MAX_PAGES, `A presentation has at most ${MAX_PAGES} pages.`));

/** Room messages a presenter sends; attendees are refused with a reason. */
export const PRESENTATION_MESSAGES = {
  /** Put a file of the library on the stage (and switch the main window to it). */
  presentationOpen: 'presentation-open',
  /** Show another page. */
  presentationPage: 'presentation-page',
  /** Take the presentation off the stage. */
  presentationClose: 'presentation-close',
} as const;

export const PresentationOpenBody = v.object({ fileId: FileId, page: v.optional(SlidePage, 1) });
export type PresentationOpenBody = v.InferOutput<typeof PresentationOpenBody>;
export const PresentationPageBody = v.object({ page: SlidePage });

export const PRESENTATION_MESSAGE_SCHEMAS = {
  [PRESENTATION_MESSAGES.presentationOpen]: PresentationOpenBody,
  [PRESENTATION_MESSAGES.presentationPage]: PresentationPageBody,
  [PRESENTATION_MESSAGES.presentationClose]: v.object({}),
} as const;

/** The stage's presentation over REST. */
export const PresentationOut = v.object({
  fileId: v.string(),
  title: v.string(),
  page: v.number(),
  pageCount: v.number(),
  openedAt: v.string(),
});
export type PresentationOut = v.InferOutput<typeof PresentationOut>;
export const StagePresentationOut = v.object({ presentation: v.nullable(PresentationOut) });

/** Kinds of library file that can go on the stage as slides. */
export const SLIDE_KINDS = ['pdf', 'document'] as const;

/**
 * The whiteboard page that is the drawing layer of one slide page (ROOM-10 on ROOM-12):
 * a page of the event's board that is not in its page list, so the board's own tabs
 * never show it, while the same board server keeps, checks and syncs it. Named after
 * the file, so a deck opened again finds its drawings again.
 */
export function slideInkPage(fileId: string, page: number): string {
  return `sl${fileId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 20)}p${page}`;
}
