import type { MainItem, Timeline } from '../../shared/automated-timeline.ts';
import { diffStates, nextBoundaryAfter, stateAt, type MainOn, type TimelineAction, type TimelineState } from '../../shared/automated-timeline-state.ts';
import type { Logger } from '../logger.ts';
import type { LiveRoomController } from '../rooms/live-room-controller.ts';
import type { ManualAspect } from '../rooms/room-context.ts';
import type { Actor } from '../rooms/rules/room-model.ts';
import type { AutomatedOverrides } from './automated-overrides.ts';
import type { AutomatedProgress } from './automated-progress.ts';

/** Who acts when the timeline acts: host rights, so the same rules and the same statistics apply as in a live room. */
export const TIMELINE_ACTOR: Actor = { participantId: 'timeline', role: 'host', name: 'Timeline' };

/**
 * How long before a video's end the one that follows it on the main lane is sent with
 * its anchor (PlaybackAnchor.next): long enough for a busy server to reach 1,000
 * attendees, short enough for the signed link it carries to be fresh.
 */
export const NEXT_VIDEO_LEAD_MS = 5_000;

type MediaMain = Extract<MainItem, { kind: 'video' | 'recording' }>;

function aspectOfTimelineAction(action: TimelineAction): ManualAspect | null {
  switch (action.type) {
    case 'chat': return 'chat';
    case 'cta-show': case 'cta-close': return 'cta';
    case 'poll-start': case 'poll-end': case 'poll-results': return 'poll';
    case 'main': return 'main';
    case 'end': return null;
  }
}

/** How the log names a timeline action it skipped (the same names as the manual ones). */
function actionName(action: TimelineAction): string {
  switch (action.type) {
    case 'chat': return action.enabled ? 'chat-on' : 'chat-off';
    case 'main': return action.main === null ? 'main-none' : action.main.kind === 'slides' ? `main-${action.main.itemId}-page-${action.main.page + 1}` : `main-${action.main.itemId}`;
    default: return action.type;
  }
}

export interface TimelinePlayerDeps {
  eventId: string;
  timeline: Timeline;
  /** The scheduled start: position 0 of the timeline. */
  startedAt: Date;
  controller: LiveRoomController;
  progress: AutomatedProgress;
  /** The log of manual changes and of the timeline actions they overrode. */
  overrides: AutomatedOverrides;
  /** A timer owned by the room, gone when the room closes. */
  setTimeout: (callback: () => void, ms: number) => void;
  now: () => Date;
  logger: Logger;
}

/**
 * Plays an automated webinar's timeline in its live room from the server's clock
 * (AUTO-1): at each boundary it computes `stateAt`, diffs it with what was applied last,
 * writes the new position, then opens and closes polls and CTAs and switches the chat
 * through the room's own desks. A room opened late, or again after a crash, catches up
 * from the stored position, so nothing is done twice and nothing is skipped.
 */
export class TimelinePlayer {
  private generation = 0;
  /** The presentations of the main lane: one of them open when the timeline has none on is the timeline's to close. */
  private readonly slideAssets: Set<string>;

  /** What people took over by hand: the timeline no longer drives it (its actions there are logged as skipped). */
  private readonly taken: Set<ManualAspect>;

  constructor(private readonly d: TimelinePlayerDeps) {
    this.slideAssets = new Set(d.timeline.main.flatMap((item) => (item.kind === 'slides' ? [item.assetId] : [])));
    this.taken = d.overrides.takenAspects(d.eventId);
    if (d.progress.get(d.eventId)?.chatByHand) this.taken.add('chat');
    d.controller.onManualChange = (aspect, action, actor) => {
      if (aspect === 'chat') d.progress.chatTakenByHand(d.eventId);
      this.taken.add(aspect);
      d.overrides.manual(d.eventId, this.position(), action, actor);
      d.logger.info(`automated webinar ${d.eventId}: ${actor.role} ${actor.name} did ${action} by hand; the timeline no longer drives the ${aspect}`);
    };
  }

  play(): void {
    const generation = ++this.generation;
    const { d } = this;
    const t = d.now().getTime() - d.startedAt.getTime();
    const saved = d.progress.get(d.eventId);
    const before = saved?.appliedAtMs != null ? stateAt(d.timeline, saved.appliedAtMs) : this.nothingYet();
    const target = stateAt(d.timeline, Math.max(0, t));
    const all = diffStates(before, target);
    const actions = all.filter((a) => !this.isTaken(a));
    // A manual change wins: what the timeline would have done instead is logged, not done.
    for (const a of all) if (!actions.includes(a)) d.overrides.skipped(d.eventId, Math.max(0, t), actionName(a));
    // Persistence first: a crash between here and the actions repeats none of them.
    d.progress.applied(d.eventId, Math.max(0, t));
    for (const action of actions) this.apply(action);
    // The main window is made to match, not diffed: a restart or a room opened late finds the same anchor.
    if (!target.ended && !this.taken.has('main')) this.showMain(target.main, Math.max(0, t));
    if (target.ended) return;
    const boundary = nextBoundaryAfter(d.timeline, Math.max(0, t));
    const queueAt = this.nextQueueTime(target.main, Math.max(0, t));
    const wake = boundary === null ? queueAt : queueAt === null ? boundary : Math.min(boundary, queueAt);
    if (wake !== null) d.setTimeout(() => { if (generation === this.generation) this.play(); }, wake - t);
  }

  /** The video or recording that starts on the main lane exactly where `main` ends (a video-to-video switch), if any. */
  private following(main: MainOn | null): MediaMain | null {
    if (!main) return null;
    const item = this.d.timeline.main.find((i) => i.id === main.itemId);
    if (!item) return null;
    const end = item.startMs + item.durationMs;
    const after = this.d.timeline.main.find((i) => i.startMs === end);
    return after && (after.kind === 'video' || after.kind === 'recording') ? after : null;
  }

  /** When the next video is to be sent ahead (still to come), or null. */
  private nextQueueTime(main: MainOn | null, t: number): number | null {
    if (!main || (main.kind !== 'video' && main.kind !== 'recording')) return null;
    const after = this.following(main);
    if (!after) return null;
    const at = after.startMs - NEXT_VIDEO_LEAD_MS;
    return at > t ? at : null;
  }

  private isTaken(action: TimelineAction): boolean {
    const aspect = aspectOfTimelineAction(action);
    return aspect !== null && this.taken.has(aspect);
  }

  private position(): number {
    return Math.max(0, this.d.now().getTime() - this.d.startedAt.getTime());
  }

  /** The room as it is before the timeline did anything: nothing on, the chat as the room has it. */
  private nothingYet(): TimelineState {
    return { main: null, cta: null, poll: null, chatEnabled: this.d.controller.model.chatEnabled, ended: false };
  }

  /**
   * The main window is made to match the timeline (a restart or a room opened late
   * lands on the same thing):
   * - a video or a recording goes on the stage through the stage video's anchor, set at
   *   the item's own start: position = now − item start + the item's offset into its
   *   asset, for every attendee, however late, and after any restart; attendees get no
   *   seek (the anchor is marked automated); when the next main item is a video too, it
   *   rides on this anchor from NEXT_VIDEO_LEAD_MS before the switch (`next`), so every
   *   client switches at the boundary by its own clock;
   * - a presentation is opened through the presentation desk (the same code and storage
   *   as a presenter's) on the page the item has at this time (pages are 1-based there).
   * What the timeline put on the stage and no longer has is taken off; a presentation or
   * video someone else opened is left alone.
   */
  private showMain(main: MainOn | null, t: number): void {
    const { playback, presentation, model } = this.d.controller;
    const slides = main?.kind === 'slides' ? main : null;
    this.attempt('presentation', () => {
      const open = model.presentation;
      if (slides) {
        if (open?.fileId === slides.assetId) {
          if (open.page !== slides.page + 1) presentation.goToAs(slides.page + 1);
        } else {
          presentation.openAs(TIMELINE_ACTOR, slides.assetId, slides.page + 1);
        }
      } else if (open && this.slideAssets.has(open.fileId)) {
        presentation.closeAs();
      }
    });
    this.attempt('video', () => {
      if (main && (main.kind === 'video' || main.kind === 'recording')) {
        const after = this.following(main);
        const next = after && t >= after.startMs - NEXT_VIDEO_LEAD_MS
          ? { fileId: after.assetId, serverTimeMs: this.d.startedAt.getTime() + after.startMs, positionMs: after.inMs }
          : null;
        playback.loadForTimeline(TIMELINE_ACTOR, main.assetId, { serverTimeMs: this.d.startedAt.getTime() + main.itemStartMs, positionMs: main.inMs }, next);
      } else if (playback.anchor?.automated) {
        playback.commandAs(TIMELINE_ACTOR, { type: 'stop' }, true);
      }
    });
  }

  private attempt(what: string, step: () => void): void {
    try {
      step();
    } catch (error) {
      this.d.logger.warn(`automated webinar ${this.d.eventId}: main-lane ${what} not shown: ${(error as Error).message}`);
    }
  }

  private apply(action: TimelineAction): void {
    const c = this.d.controller;
    try {
      switch (action.type) {
        case 'cta-show': c.cta.showAs(TIMELINE_ACTOR, { message: action.cta.message, buttonLabel: action.cta.buttonLabel, url: action.cta.url, durationSeconds: null }); break;
        case 'cta-close': if (c.model.cta) c.cta.closeAs(TIMELINE_ACTOR); break;
        case 'poll-start': c.polls.startAs(TIMELINE_ACTOR, action.poll.pollId); break;
        case 'poll-results': c.polls.showResultsAs(TIMELINE_ACTOR, action.pollId, true); break;
        case 'poll-end': c.polls.endAs(TIMELINE_ACTOR, action.pollId); break;
        case 'chat': c.setChatEnabledAs(TIMELINE_ACTOR, action.enabled); break;
        case 'end': c.endAs(TIMELINE_ACTOR); break;
        // Shown by showMain after the actions (see play).
        case 'main': break;
      }
    } catch (error) {
      // A poll the host already ran by hand, say: the timeline goes on with the rest.
      this.d.logger.warn(`automated webinar ${this.d.eventId}: timeline ${action.type} not applied: ${(error as Error).message}`);
    }
  }
}
