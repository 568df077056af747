import { StagePresentation, type LiveRoomState } from '../../shared/live-room-state.ts';
import { isStaff } from '../../shared/room-policy.ts';
import { slideInkPage, type PresentationOpenBody } from '../../shared/presentation-schemas.ts';
import { LINK_MINUTES } from '../files/media-links.ts';
import type { PresentationModel } from '../presentation/presentation-service.ts';
import type { RoomContext } from './room-context.ts';
import { notAllowed, refuse } from './rules/refusal.ts';
import type { Actor } from './rules/room-model.ts';

/** The presentation as the room model keeps it: the stored one plus the link its participants get. */
export interface StagePresentationModel extends PresentationModel {
  /** A signed link base to the file's pages (see MediaLinks), renewed well before it expires. */
  linkBase: string;
}

/** Links are signed again this often, so the one in everyone's state always has minutes left. */
const RESIGN_MS = Math.floor((LINK_MINUTES * 60_000) / 3);

/**
 * Slides on the stage (ROOM-12): presenters open a presentation from the library, turn
 * its pages, and close it; attendees are refused with a reason. The rules and the
 * storage are the PresentationService's (shared with the REST API), so the desk checks
 * the role, calls it, and puts the result in the model, which the mirror copies into
 * the synchronised state (late joiners get the current page with the state).
 */
export class PresentationDesk {
  constructor(private readonly ctx: RoomContext) {
    this.load();
    this.armResign();
  }

  private get service() {
    const service = this.ctx.services.presentation;
    if (!service) refuse('slides-unavailable', 'Slides are not available on this server.');
    return service!;
  }

  open(sessionId: string, message: PresentationOpenBody): void {
    const actor = this.presenter(sessionId, 'show slides');
    this.openAs(actor, message.fileId, message.page);
    this.ctx.manualChange?.('main', 'slides-open', actor);
  }

  goTo(sessionId: string, page: number): void {
    const actor = this.presenter(sessionId, 'turn the slides');
    this.goToAs(page);
    this.ctx.manualChange?.('main', `slides-page-${page}`, actor);
  }

  close(sessionId: string): void {
    const actor = this.presenter(sessionId, 'close the slides');
    this.closeAs();
    this.ctx.manualChange?.('main', 'slides-close', actor);
  }

  /** Also called by an automated webinar's timeline, which acts with host rights (the caller checked the role). */
  openAs(actor: Actor, fileId: string, page?: number): void {
    const opened = this.service.open(this.ctx.event, fileId, page);
    this.show(opened);
    this.ctx.showMainView('slides');
    this.ctx.services.logger.debug(`event ${this.ctx.event.publicId}: ${actor.name} opened a presentation of ${opened.pageCount} pages`);
  }

  goToAs(page: number): void {
    if (!this.ctx.model.presentation) refuse('no-presentation', 'No presentation is open on the stage.');
    this.show(this.service.goTo(this.ctx.event, page));
  }

  closeAs(): void {
    if (!this.ctx.model.presentation) refuse('no-presentation', 'No presentation is open on the stage.');
    this.service.close(this.ctx.event);
    this.ctx.model.presentation = null;
    if (this.ctx.model.mainView === 'slides') this.ctx.showMainView('video');
    this.ctx.outlet.sync();
  }

  /** Someone changed the stage through the REST API (in this process or another): read it again. */
  reload(): void {
    const before = this.ctx.model.presentation;
    this.load();
    const after = this.ctx.model.presentation;
    // Opened (or another file) through the API: the slides become the main view, as when opened in the room.
    if (after && (before?.fileId !== after.fileId || before.openedAt.getTime() !== after.openedAt.getTime())) this.ctx.showMainView('slides');
    if (!after && this.ctx.model.mainView === 'slides') this.ctx.showMainView('video');
    this.ctx.outlet.sync();
  }

  private load(): void {
    const stored = this.ctx.services.presentation?.current(this.ctx.event.id) ?? null;
    this.ctx.model.presentation = stored ? { ...stored, linkBase: this.sign(stored.fileId) } : null;
  }

  private show(model: PresentationModel): void {
    const current = this.ctx.model.presentation;
    const linkBase = current?.fileId === model.fileId ? current.linkBase : this.sign(model.fileId);
    this.ctx.model.presentation = { ...model, linkBase };
    this.ctx.outlet.sync();
  }

  private sign(fileId: string): string {
    return this.ctx.services.presentation?.link(fileId).base ?? '';
  }

  private armResign(): void {
    this.ctx.outlet.setTimeout(() => {
      const current = this.ctx.model.presentation;
      if (current) {
        current.linkBase = this.sign(current.fileId);
        this.ctx.outlet.sync();
      }
      this.armResign();
    }, RESIGN_MS);
  }

  private presenter(sessionId: string, what: string): Actor {
    const actor = this.ctx.actorOf(sessionId);
    if (!isStaff(actor.role)) notAllowed(what);
    return actor;
  }
}

/** Copies the presentation into the synchronised state, changing only what changed. */
export function mirrorPresentation(state: LiveRoomState, model: StagePresentationModel | null | undefined): void {
  if (!model) {
    if (state.presentation) state.presentation = undefined;
    return;
  }
  const fields = { fileId: model.fileId, title: model.title, page: model.page, pageCount: model.pageCount, inkPage: slideInkPage(model.fileId, model.page), linkBase: model.linkBase };
  const shown = state.presentation;
  if (!shown || shown.fileId !== model.fileId) state.presentation = new StagePresentation(fields);
  else for (const [key, value] of Object.entries(fields) as [keyof typeof fields, never][]) if (shown[key] !== value) shown[key] = value;
}
