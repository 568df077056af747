/**
 * Plan limits, held as data in one place (ACC-1). Every rule that depends on what an
 * account has paid for reads it from here through `limitsFor(plan)`; nothing else in
 * the code base writes these numbers down.
 */
export const PLAN_IDS = ['trial', 'self-hosted'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface PlanLimits {
  /** Most attendees in one event (BILL-1 prices plans by this). */
  readonly maxAttendees: number;
  /** Discussion mode is allowed only while the event has at most this many attendees (ROOM-3). */
  readonly maxAttendeesInDiscussion: number;
  readonly maxPresenters: number;
  /** Cameras published at once (ROOM-5); the add-on raises it to 7. */
  readonly maxVideoStreams: number;
  /** ROOM-16: cameras may send HD (720p) instead of the standard 360p. */
  readonly hdVideo: boolean;
  readonly recordingMinutes: number;
  readonly storageMegabytes: number;
  /** Events that may run at the same time (EV-12); more only with the parallel-sessions add-on. */
  readonly parallelEvents: number;
}

export const PLANS: Readonly<Record<PlanId, { readonly label: string; readonly trialDays?: number; readonly limits: PlanLimits }>> = {
  trial: {
    label: 'Free trial',
    trialDays: 30,
    limits: {
      maxAttendees: 25,
      maxAttendeesInDiscussion: 5,
      maxPresenters: 2,
      maxVideoStreams: 4,
      hdVideo: false,
      recordingMinutes: 30,
      storageMegabytes: 64,
      parallelEvents: 1,
    },
  },
  /**
   * For an operator who runs the platform for their own organisation and sells nothing:
   * set DEFAULT_PLAN=self-hosted and new accounts get it. Discussion stays at 25
   * attendees (ROOM-3: beyond that, everyone talking is not a meeting any more).
   */
  'self-hosted': {
    label: 'Self-hosted',
    limits: {
      maxAttendees: 10_000,
      maxAttendeesInDiscussion: 25,
      maxPresenters: 10,
      maxVideoStreams: 7,
      hdVideo: true,
      recordingMinutes: 100_000,
      storageMegabytes: 1_000_000,
      parallelEvents: 100,
    },
  },
};

export function limitsFor(plan: PlanId): PlanLimits {
  return PLANS[plan].limits;
}
