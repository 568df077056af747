import type { WebhookEvent } from 'livekit-server-sdk';
import type { Logger } from '../../logger.ts';
import type { MediaService } from '../../media/media-service.ts';
import type { PartJob, PartListener, RecorderBackend, RunningPart } from '../recorder-backend.ts';
import type { RecordingsStore } from '../recordings-store.ts';

/** The Egress calls this back-end makes (EgressClient in production, a fake in tests). */
export interface EgressApi {
  available(): string | undefined;
  startRoomComposite(roomName: string, filepath: string, customBaseUrl: string): Promise<{ egressId: string }>;
  stop(egressId: string): Promise<void>;
  list(roomName?: string): Promise<{ egressId: string; status: number; roomName: string }[]>;
}

/** LiveKit's EgressStatus numbers (livekit_egress.proto). */
export const EGRESS_STATUS = { starting: 0, active: 1, ending: 2, complete: 3, failed: 4, aborted: 5, limitReached: 6 } as const;
/** Statuses in the order they may follow each other; every end is the last rank. */
export const egressRank = (status: number): number => (status >= EGRESS_STATUS.complete ? 3 : status);
const ENDED_WAIT_MS = 60_000;

interface Pending {
  listener: PartListener;
  stopping: boolean;
  ended: () => void;
  endedPromise: Promise<void>;
}

/**
 * LiveKit Egress as the recorder (RECORDER=egress), for operators who run Egress and
 * Redis themselves: one RoomComposite egress per part, rendering our recorder view.
 * Egress cannot pause, so private mode ends the part and the end of private mode
 * starts a new one (the service joins them). Its webhooks are verified on the raw body
 * by the LiveKit webhook route before they get here; here they are deduplicated by
 * event id and applied only when they move a part's status forward, whatever order
 * and however often LiveKit delivers them; `reconcile` asks Egress itself after a restart.
 */
export class EgressBackend implements RecorderBackend {
  readonly name = 'egress' as const;
  readonly canPause = false;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: { api: EgressApi; store: RecordingsStore; media: MediaService; baseUrl(): string; logger: Logger; recorderTicket(eventKey: string, recorderId: string): Promise<string> }) {}

  unavailable(): string | undefined {
    return this.deps.api.available();
  }

  async startPart(job: PartJob, listener: PartListener): Promise<RunningPart> {
    const roomName = this.deps.media.roomName(job.eventKey);
    // Egress appends its own `?url=…&token=…`; the room's read-only recorder ticket rides in the path.
    const ticket = await this.deps.recorderTicket(job.eventKey, job.partId);
    const { egressId } = await this.deps.api.startRoomComposite(roomName, job.file, `${this.deps.baseUrl()}/record/${job.eventPublicId}/${encodeURIComponent(ticket)}`);
    this.deps.store.updatePart(job.partId, { egressId, egressRank: EGRESS_STATUS.starting });
    let ended!: () => void;
    const endedPromise = new Promise<void>((resolve) => (ended = resolve));
    const pending: Pending = { listener, stopping: false, ended, endedPromise };
    this.pending.set(egressId, pending);
    const started = Date.now();
    listener.kept([{ from: started, to: started }]);
    const stop = async () => {
      pending.stopping = true;
      await this.deps.api.stop(egressId).catch((e: unknown) => this.deps.logger.warn(`egress ${egressId}: stop refused`, e));
      // The file is complete only when egress_ended says so.
      await Promise.race([endedPromise, new Promise((resolve) => setTimeout(resolve, ENDED_WAIT_MS).unref())]);
      this.pending.delete(egressId);
    };
    return { pause: () => undefined, resume: () => undefined, stop };
  }

  /** A verified egress webhook: applied once, and only forward. */
  async onWebhook(event: WebhookEvent): Promise<void> {
    if (event.id && !this.deps.store.firstDelivery(event.id, new Date())) return;
    const info = event.egressInfo;
    if (!info?.egressId) {
      this.deps.logger.warn(`egress webhook ${event.event} without an egress id (an egress that never started); ignored`);
      return;
    }
    this.apply(info.egressId, info.status, info.error);
  }

  private apply(egressId: string, status: number, error: string | undefined): void {
    const part = this.deps.store.partByEgress(egressId);
    if (!part) return;
    const rank = egressRank(status);
    if (rank <= part.egressRank) return;
    const failed = status === EGRESS_STATUS.failed || status === EGRESS_STATUS.aborted;
    this.deps.store.updatePart(part.id, { egressRank: rank, ...(rank === 3 ? { state: 'closed', error: failed ? error || 'the egress failed' : null } : {}) });
    const pending = this.pending.get(egressId);
    if (rank === 3 && pending) {
      pending.ended();
      if (!pending.stopping) pending.listener.died(failed ? error || 'the egress failed' : 'the egress ended');
    }
  }

  /** After a restart: Egress's own list says how far each part got (an ended event may have been missed). */
  async reconcile(): Promise<void> {
    let list: Awaited<ReturnType<EgressApi['list']>>;
    try {
      list = await this.deps.api.list();
    } catch (error) {
      this.deps.logger.warn('egress: could not list egresses to reconcile', error);
      return;
    }
    for (const e of list) this.apply(e.egressId, e.status, undefined);
  }

  async shutdown(): Promise<void> {
    // Egress runs elsewhere and goes on; the restart's reconcile and roomOpened pick it up.
    this.pending.clear();
  }
}
