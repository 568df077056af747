import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { stagePresentations } from '../db/schema-presentation.ts';
import { SLIDE_KINDS, type PresentationOut } from '../../shared/presentation-schemas.ts';
import { defaultMode } from '../../shared/room-policy.ts';
import { AppError, conflict } from '../domain/app-error.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { FilesStore } from '../files/files-store.ts';
import type { MediaLinks } from '../files/media-links.ts';

/** The presentation on a stage, as the room and the REST API hold it. */
export interface PresentationModel {
  fileId: string;
  title: string;
  page: number;
  pageCount: number;
  openedAt: Date;
}

/** The event a presentation belongs to: its id, its account (whose library it may use) and kind. */
export interface StageEvent {
  id: string;
  accountId: string;
  kind: string;
}

/**
 * The stage's presentation (ROOM-12) over the database: which library file is shown and
 * its page. Both the room (through its PresentationDesk) and the REST API go through
 * here, so the rules are in one place: only a ready presentation of the event's own
 * account, pages within the deck, nothing once the event has ended. Every change is
 * committed before it is shown (with the main view it implies), so a restart loses
 * nothing.
 */
export class PresentationService {
  constructor(
    private readonly db: Db,
    private readonly files: FilesStore,
    private readonly links: MediaLinks,
    private readonly roomStates: RoomStatesStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  current(eventId: string): PresentationModel | null {
    const row = this.db.select().from(stagePresentations).where(eq(stagePresentations.eventId, eventId)).get();
    return row ? { fileId: row.fileId, title: row.title, page: row.page, pageCount: row.pageCount, openedAt: row.openedAt } : null;
  }

  /** Opens a library file on the stage, at `page`, and makes the slides everyone's main view. */
  open(event: StageEvent, fileId: string, page = 1): PresentationModel {
    this.checkOpen(event);
    const file = this.files.get(fileId);
    if (!file || file.accountId !== event.accountId || file.status === 'uploading') throw new AppError('not-found', 404, 'That file is not in this account\'s library.');
    const quoted = `"${file.name}"`;
    if (!(SLIDE_KINDS as readonly string[]).includes(file.kind)) throw new AppError('not-a-presentation', 422, `${quoted} is not a presentation; open a PDF or an office document.`);
    if (file.status === 'failed') throw new AppError('conversion-failed', 422, `${quoted} could not be converted${file.error ? `: ${file.error}` : ''}.`);
    if (file.status !== 'ready' || !file.pages) throw conflict('not-ready', `${quoted} is still being converted (${file.progress} %); open it when it is ready.`);
    if (page > file.pages) throw outOfRange(page, file.pages);
    const now = this.now();
    const model: PresentationModel = { fileId, title: file.name, page, pageCount: file.pages, openedAt: now };
    this.db.transaction((tx) => {
      tx.insert(stagePresentations).values({ eventId: event.id, ...model, updatedAt: now })
        .onConflictDoUpdate({ target: stagePresentations.eventId, set: { ...model, updatedAt: now } }).run();
    });
    this.setMainView(event, 'slides');
    return model;
  }

  goTo(event: StageEvent, page: number): PresentationModel {
    this.checkOpen(event);
    const current = this.current(event.id);
    if (!current) throw conflict('no-presentation', 'No presentation is open on the stage.');
    if (page > current.pageCount) throw outOfRange(page, current.pageCount);
    if (page !== current.page) this.db.update(stagePresentations).set({ page, updatedAt: this.now() }).where(eq(stagePresentations.eventId, event.id)).run();
    return { ...current, page };
  }

  /** Takes the presentation off the stage; the main window goes back to the cameras if it showed the slides. */
  close(event: StageEvent): void {
    const removed = this.db.delete(stagePresentations).where(eq(stagePresentations.eventId, event.id)).run().changes > 0;
    if (!removed) throw conflict('no-presentation', 'No presentation is open on the stage.');
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    if (state.mainView === 'slides') this.setMainView(event, 'video');
  }

  /**
   * The file is being deleted from the library: every stage showing it closes it (and
   * gives the main window back to the cameras). Returns the events whose stage changed,
   * so their open rooms can be told.
   */
  closeFile(fileId: string): string[] {
    return this.db.transaction((tx) => {
      const shown = tx.select({ eventId: stagePresentations.eventId }).from(stagePresentations).where(eq(stagePresentations.fileId, fileId)).all();
      for (const { eventId } of shown) {
        tx.delete(stagePresentations).where(eq(stagePresentations.eventId, eventId)).run();
        const state = this.roomStates.find(eventId);
        if (state?.mainView === 'slides') this.roomStates.update(eventId, state, { mainView: 'video' });
      }
      return shown.map((r) => r.eventId);
    }, { behavior: 'immediate' });
  }

  /** A short-lived signed link to the file's pages (what the room hands its participants). */
  link(fileId: string): { base: string; expiresAt: number } {
    return this.links.sign(fileId);
  }

  private checkOpen(event: StageEvent): void {
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    if (state.status === 'ended') throw conflict('event-ended', 'The event has ended.');
  }

  private setMainView(event: StageEvent, mainView: 'slides' | 'video'): void {
    const state = this.roomStates.get(event.id, { mode: defaultMode(event.kind) });
    if (state.mainView !== mainView) this.roomStates.update(event.id, state, { mainView });
  }
}

export function presentationOut(model: PresentationModel): PresentationOut {
  return { fileId: model.fileId, title: model.title, page: model.page, pageCount: model.pageCount, openedAt: model.openedAt.toISOString() };
}

function outOfRange(page: number, pages: number): AppError {
  return new AppError('page-out-of-range', 422, `Page ${page} does not exist; the presentation has ${pages} page${pages === 1 ? '' : 's'}.`);
}

/** News on the event channel: the stage's presentation changed through the REST API. */
export const PRESENTATION_CHANGED = 'presentation-changed';
