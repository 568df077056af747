import { SERVER_MESSAGES, type CtaStats } from '../../shared/room-messages.ts';
import type { RoomContext } from './room-context.ts';
import type { Actor } from './rules/room-model.ts';
import { activeCta, checkCtaClick, checkCtaClose, checkCtaShow } from './rules/cta-rules.ts';

/** Call to action (ROOM-9): show for a while or until closed, count clicks per attendee. */
export class CtaDesk {
  constructor(private readonly ctx: RoomContext) {}

  show(sessionId: string, message: { message: string; buttonLabel: string; url: string; durationSeconds: number | null }): void {
    const actor = this.ctx.actorOf(sessionId);
    this.showAs(actor, message);
    this.ctx.manualChange?.('cta', 'cta-show', actor);
  }

  /** Also called by an automated webinar's timeline, acting as the host. */
  showAs(actor: Actor, message: { message: string; buttonLabel: string; url: string; durationSeconds: number | null }): void {
    checkCtaShow(this.ctx.model, actor);
    const now = this.ctx.services.now();
    const cta = {
      id: this.ctx.services.newId(),
      message: message.message,
      buttonLabel: message.buttonLabel,
      url: message.url,
      endsAt: message.durationSeconds ? new Date(now.getTime() + message.durationSeconds * 1000) : null,
      clicks: new Map<string, number>(),
    };
    this.ctx.services.store.showCta(this.ctx.model.eventId, cta, activeCta(this.ctx.model, now)?.id ?? null);
    this.ctx.model.cta = cta;
    this.ctx.outlet.sync();
    this.armExpiry();
    this.ctx.statsDirty = true;
  }

  close(sessionId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    this.closeAs(actor);
    this.ctx.manualChange?.('cta', 'cta-close', actor);
  }

  closeAs(actor: Actor): void {
    const cta = checkCtaClose(this.ctx.model, actor, this.ctx.services.now());
    this.ctx.services.store.closeCta(cta.id);
    this.ctx.model.cta = null;
    this.ctx.outlet.sync();
  }

  click(sessionId: string, ctaId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    const cta = checkCtaClick(this.ctx.model, ctaId, this.ctx.services.now());
    this.ctx.services.store.clickCta(cta.id, actor.participantId);
    cta.clicks.set(actor.participantId, (cta.clicks.get(actor.participantId) ?? 0) + 1);
    this.ctx.statsDirty = true;
  }

  /** Takes the pop-up down when its time is up; also re-armed for one loaded after a restart. */
  armExpiry(): void {
    const cta = this.ctx.model.cta;
    if (!cta?.endsAt) return;
    const remaining = Math.max(0, cta.endsAt.getTime() - this.ctx.services.now().getTime());
    this.ctx.outlet.setTimeout(() => {
      if (this.ctx.model.cta?.id !== cta.id) return;
      this.ctx.model.cta = null;
      this.ctx.outlet.sync();
    }, remaining);
  }

  stats(): CtaStats | undefined {
    const cta = this.ctx.model.cta;
    if (!cta) return undefined;
    return { ctaId: cta.id, clicks: [...cta.clicks.values()].reduce((a, b) => a + b, 0), clickers: cta.clicks.size };
  }

  flush(): void {
    const stats = this.stats();
    if (stats) this.ctx.toStaff(SERVER_MESSAGES.ctaStats, stats);
  }
}
