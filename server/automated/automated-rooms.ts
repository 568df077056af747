import type { EventRow } from '../domain/events-service.ts';
import type { RoomStatesStore } from '../domain/room-states-store.ts';
import type { Logger } from '../logger.ts';
import type { LiveRoomController } from '../rooms/live-room-controller.ts';
import type { RoomTimelineHook } from '../rooms/live-event-room.ts';
import type { AutomatedOverrides } from './automated-overrides.ts';
import type { AutomatedProgress } from './automated-progress.ts';
import { TimelinePlayer } from './timeline-player.ts';
import type { TimelinesService } from './timelines-service.ts';

/** Gives each live room of an automated webinar its player, once it is live (see RoomTimelineHook). */
export class AutomatedRooms implements RoomTimelineHook {
  private readonly players = new WeakMap<LiveRoomController, TimelinePlayer>();

  constructor(
    private readonly roomStates: RoomStatesStore,
    private readonly timelines: TimelinesService,
    private readonly progress: AutomatedProgress,
    private readonly overrides: AutomatedOverrides,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  attach(room: { event: EventRow; controller: LiveRoomController; setTimeout: (callback: () => void, ms: number) => void }): void {
    const { event, controller } = room;
    if (event.kind !== 'automated') return;
    const state = this.roomStates.find(event.id);
    if (state?.status !== 'live' || !state.startedAt) return;
    controller.startedBySchedule();
    let player = this.players.get(controller);
    if (!player) {
      player = new TimelinePlayer({
        eventId: event.id,
        timeline: this.timelines.timelineOf(event.id),
        startedAt: state.startedAt,
        controller,
        progress: this.progress,
        overrides: this.overrides,
        setTimeout: room.setTimeout,
        now: this.now,
        logger: this.logger,
      });
      this.players.set(controller, player);
    }
    player.play();
  }
}
