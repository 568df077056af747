import { mayUseCamera, mediaGrant, type MediaGrant, type MediaSource } from '../../shared/media-grants.ts';
import { SERVER_MESSAGES, type CameraSlotMessage } from '../../shared/room-messages.ts';
import { isStaff } from '../../shared/room-policy.ts';
import type { MediaNews } from '../media/media-news.ts';
import type { RoomContext } from './room-context.ts';
import { checkCamera } from './rules/media-rules.ts';
import { refuse } from './rules/refusal.ts';
import type { ParticipantModel } from './rules/room-model.ts';

/** A camera slot not used for a published camera within this time goes back (ROOM-5). */
const UNUSED_SLOT_MS = 30_000;
/** A participant whose last connection closed keeps their slot this long (a reload, a short drop). */
const LEAVE_GRACE_MS = 20_000;
/** LiveKit calls at once when a mode change touches everyone (a big webinar going private). */
const PARALLEL_CALLS = 8;

/** What the synchronised state shows of the media (see live-room-mirror.ts). */
export interface MediaView {
  available: boolean;
  maxCameras: number;
  camerasOn: number;
  hdVideo: boolean;
  screenSharer: string;
  connected: number;
  publishers: Map<string, Set<MediaSource>>;
}

/**
 * Audio and video in a live room, through LiveKit (ROOM-3, ROOM-4, ROOM-5, ROOM-11).
 * Every permission comes from `mediaGrant(mode, role, granted, cameraSlot)`; this desk
 * keeps the one piece of state that function needs beyond the model, the camera slots,
 * and tells LiveKit whenever the answer changes. Tokens never carry the camera: a slot
 * adds it to one participant's permission, so LiveKit itself refuses a camera beyond
 * the plan's limit. Calls to LiveKit run one after another (a later mode change must
 * not be overtaken by an earlier one), and a failure is logged, never fatal to the room.
 */
export class MediaDesk {
  private readonly slots = new Set<string>();
  private readonly connected = new Set<string>();
  /** participantId → trackSid → source, from webhooks and the start-up listing. */
  private readonly tracks = new Map<string, Map<string, MediaSource>>();
  private screenSharer: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: RoomContext) {}

  private get media() {
    return this.ctx.services.media;
  }

  private get eventKey(): string {
    return this.ctx.model.eventId;
  }

  /** What this participant may do with audio and video now. */
  grantFor(participant: ParticipantModel): MediaGrant {
    return mediaGrant(this.ctx.model.mode, participant.role, participant.mediaGranted, this.slots.has(participant.id));
  }

  view(): MediaView {
    const publishers = new Map<string, Set<MediaSource>>();
    for (const [id, tracks] of this.tracks) if (tracks.size) publishers.set(id, new Set(tracks.values()));
    return {
      available: this.media.available,
      maxCameras: this.ctx.model.limits.maxVideoStreams,
      camerasOn: this.slots.size,
      hdVideo: this.ctx.model.limits.hdVideo,
      screenSharer: this.screenSharer ?? '',
      connected: this.connected.size,
      publishers,
    };
  }

  // ───────────────────────────── asked by a participant ─────────────────────────────

  /** Fresh credentials for the asker, with their current grant (but never a camera: see `camera`). */
  async credentials(sessionId: string): Promise<void> {
    const actor = this.ctx.actorOf(sessionId);
    const participant = this.ctx.participant(actor.participantId);
    const grant = mediaGrant(this.ctx.model.mode, participant.role, participant.mediaGranted, false);
    const credentials = await this.media.credentials(this.eventKey, participant, grant);
    if (!credentials) refuse('media-unavailable', 'Audio and video are not available on this server right now.');
    this.ctx.outlet.send(sessionId, SERVER_MESSAGES.mediaCredentials, credentials);
  }

  /** Takes a camera slot (refused beyond the plan's limit) or gives it back. */
  async camera(sessionId: string, on: boolean): Promise<void> {
    const actor = this.ctx.actorOf(sessionId);
    const participant = this.ctx.participant(actor.participantId);
    if (!on) return this.run(() => this.release(participant.id, true));
    if (!this.media.available) refuse('media-unavailable', 'Audio and video are not available on this server right now.');
    const hadSlot = this.slots.has(participant.id);
    checkCamera(this.ctx.model, actor, participant, this.slots.size, hadSlot);
    // Taken before any await, so two presenters asking at once cannot both get the last slot.
    this.slots.add(participant.id);
    this.ctx.outlet.sync();
    const applied = await this.run(() => this.media.setGrant(this.eventKey, participant.id, this.grantFor(participant)));
    if (!applied) {
      if (!hadSlot) this.slots.delete(participant.id);
      this.ctx.outlet.sync();
      refuse('media-not-connected', 'Connect to audio and video first.');
    }
    this.ctx.sendTo(participant.id, SERVER_MESSAGES.cameraSlot, { granted: true } satisfies CameraSlotMessage);
    this.ctx.outlet.setTimeout(() => {
      if (this.slots.has(participant.id) && !this.publishes(participant.id, 'camera')) void this.run(() => this.release(participant.id, true));
    }, UNUSED_SLOT_MS);
  }

  // ───────────────────────────── what the room's rules changed ─────────────────────────────

  /**
   * The mode changed: everyone in LiveKit gets the permission of the new mode, and the
   * other presenters' microphones go off (ROOM-3); they turn them on again themselves.
   */
  modeChanged(actorId: string): void {
    void this.run(async () => {
      const everyone = await this.media.participants(this.eventKey);
      for (let i = 0; i < everyone.length; i += PARALLEL_CALLS) {
        await Promise.all(everyone.slice(i, i + PARALLEL_CALLS).map(async (p) => {
          const participant = this.ctx.model.participants.get(p.identity);
          if (!participant || participant.excluded) return this.media.remove(this.eventKey, p.identity);
          const dropped = !mayUseCamera(this.ctx.model.mode, participant.role, participant.mediaGranted) && this.dropSlot(participant.id);
          await this.media.ensureGrant(this.eventKey, p, this.grantFor(participant));
          if (dropped) this.ctx.sendTo(participant.id, SERVER_MESSAGES.cameraSlot, { granted: false } satisfies CameraSlotMessage);
          if (isStaff(participant.role) && participant.id !== actorId) await this.media.muteMicrophone(this.eventKey, p);
        }));
      }
    });
  }

  /** Role or grant changed (ROOM-4): the new permission, and the camera slot goes if it may not stay. */
  participantChanged(participant: ParticipantModel): void {
    void this.run(async () => {
      const dropped = !mayUseCamera(this.ctx.model.mode, participant.role, participant.mediaGranted) && this.dropSlot(participant.id);
      await this.media.setGrant(this.eventKey, participant.id, this.grantFor(participant));
      // Their buttons follow the slot: without this word the camera button stayed "on" after a take-back.
      if (dropped) this.ctx.sendTo(participant.id, SERVER_MESSAGES.cameraSlot, { granted: false } satisfies CameraSlotMessage);
    });
  }

  removed(participantId: string): void {
    this.dropSlot(participantId);
    void this.run(() => this.media.remove(this.eventKey, participantId));
  }

  /** The participant's last connection to the room closed: the slot goes unless they come back soon. */
  left(participant: ParticipantModel): void {
    if (!this.slots.has(participant.id)) return;
    this.ctx.outlet.setTimeout(() => {
      if (participant.connections === 0 && this.slots.has(participant.id)) void this.run(() => this.release(participant.id, true));
    }, LEAVE_GRACE_MS);
  }

  /** The event ended: everyone leaves the media room too. */
  ended(): void {
    void this.run(async () => {
      for (const p of await this.media.participants(this.eventKey)) await this.media.remove(this.eventKey, p.identity);
    });
  }

  // ───────────────────────────── what LiveKit reports ─────────────────────────────

  /** A verified webhook for this event (see server/media/media-events.ts). */
  onNews(news: MediaNews): void {
    const { identity } = news;
    switch (news.event) {
      case 'participant_joined': {
        this.connected.add(identity);
        // Their token may predate a change (mode, removal): hold them to the rules now.
        const participant = this.ctx.model.participants.get(identity);
        const allowed = participant && !participant.excluded && (participant.role !== 'attendee' || this.ctx.model.status === 'live');
        void this.run(() => (allowed
          ? this.media.ensureGrant(this.eventKey, { identity, permission: news.permission, tracks: [] }, this.grantFor(participant))
          : this.media.remove(this.eventKey, identity)));
        break;
      }
      case 'participant_left':
        this.connected.delete(identity);
        this.tracks.delete(identity);
        this.dropSlot(identity);
        if (this.screenSharer === identity) this.screenSharer = this.nextScreenSharer();
        this.screenGone();
        break;
      case 'track_published':
        this.connected.add(identity);
        this.trackSet(identity).set(news.trackSid, news.source);
        if (news.source === 'screen_share') {
          this.screenSharer = identity;
          // Sharing a screen is showing it: it takes everyone's main window (ROOM-11).
          this.ctx.showMainView('screen');
        }
        break;
      case 'track_unpublished':
        this.tracks.get(identity)?.delete(news.trackSid);
        if (news.source === 'camera' && !this.publishes(identity, 'camera')) void this.run(() => this.release(identity, true));
        if (news.source === 'screen_share' && this.screenSharer === identity) this.screenSharer = this.nextScreenSharer();
        if (news.source === 'screen_share') this.screenGone();
        break;
    }
    this.ctx.outlet.sync();
  }

  /**
   * After a restart of our server the LiveKit room kept going: take back who is
   * connected, what they publish and which cameras hold a slot (up to the limit).
   */
  reconcile(): void {
    void this.run(async () => {
      for (const p of await this.media.participants(this.eventKey)) {
        this.connected.add(p.identity);
        for (const track of p.tracks) if (track.source) this.trackSet(p.identity).set(track.sid, track.source);
        if (this.publishes(p.identity, 'screen_share')) this.screenSharer = p.identity;
        if (!this.publishes(p.identity, 'camera')) continue;
        if (this.slots.size < this.ctx.model.limits.maxVideoStreams) this.slots.add(p.identity);
        else await this.release(p.identity, true);
      }
      this.ctx.outlet.sync();
    });
  }

  // ───────────────────────────── internals ─────────────────────────────

  /** Gives the slot back; with `revoke`, LiveKit also takes the camera permission (and the track) away. */
  private async release(participantId: string, revoke: boolean): Promise<void> {
    const had = this.dropSlot(participantId);
    const participant = this.ctx.model.participants.get(participantId);
    if (revoke && participant && !participant.excluded) await this.media.setGrant(this.eventKey, participantId, this.grantFor(participant));
    if (had) this.ctx.sendTo(participantId, SERVER_MESSAGES.cameraSlot, { granted: false } satisfies CameraSlotMessage);
  }

  private dropSlot(participantId: string): boolean {
    const had = this.slots.delete(participantId);
    if (had) this.ctx.outlet.sync();
    return had;
  }

  private publishes(participantId: string, source: MediaSource): boolean {
    for (const s of this.tracks.get(participantId)?.values() ?? []) if (s === source) return true;
    return false;
  }

  private trackSet(participantId: string): Map<string, MediaSource> {
    let set = this.tracks.get(participantId);
    if (!set) this.tracks.set(participantId, (set = new Map()));
    return set;
  }

  /** The last shared screen went away: the main window goes back to the speakers. */
  private screenGone(): void {
    if (this.screenSharer === null && this.ctx.model.mainView === 'screen') this.ctx.showMainView('video');
  }

  private nextScreenSharer(): string | null {
    for (const id of this.tracks.keys()) if (this.publishes(id, 'screen_share')) return id;
    return null;
  }

  /** Runs LiveKit calls one after another; a failure is logged and the queue goes on. */
  private run<T>(task: () => Promise<T>): Promise<T | undefined> {
    const result = this.queue.then(task).catch((error: unknown) => {
      this.ctx.services.logger.warn(`media: a LiveKit call failed for event ${this.eventKey}`, error);
      return undefined;
    });
    this.queue = result.then(() => undefined);
    return result;
  }
}

