import type { Span } from './recordings-store.ts';

/** What a back-end needs to record one part of one recording. */
export interface PartJob {
  recordingId: string;
  partId: string;
  /** Internal event id (the LiveKit room is derived from it). */
  eventKey: string;
  eventPublicId: number;
  /** Where the part's fragmented MP4 goes (server-chosen path). */
  file: string;
  /** Start without writing anything (private mode at the start). */
  paused: boolean;
}

/** What a running part tells the service. */
export interface PartListener {
  /** The wall-clock spans written so far (ms since the epoch); the last one may still grow. */
  kept(spans: Span[]): void;
  /** The part ended without being asked to (a crashed recorder): the reason. */
  died(reason: string): void;
}

export interface RunningPart {
  /** Stops writing from wall time `at` (ms since the epoch) on. */
  pause(at: number): void;
  /** Writes again from wall time `at` on. */
  resume(at: number): void;
  /** Ends the part; resolves once its file is complete on disk. */
  stop(): Promise<void>;
}

/**
 * One way of recording: the built-in recorder (a child process per recording) or LiveKit
 * Egress. Both record to a fragmented MP4 per part; the service joins the parts.
 */
export interface RecorderBackend {
  readonly name: 'builtin' | 'egress';
  /** Whether the back-end can pause within a part; Egress cannot (it stops, then starts a new part). */
  readonly canPause: boolean;
  /** Why it cannot record now, or undefined when it can (the health entry shows it). */
  unavailable(): string | undefined;
  startPart(job: PartJob, listener: PartListener): Promise<RunningPart>;
  /** Every running part ends (server shutdown): the files are complete, REC stays on for the restart. */
  shutdown(): Promise<void>;
}
