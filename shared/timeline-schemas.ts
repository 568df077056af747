import * as v from 'valibot';

/** The timeline (EV-10): past events, newest first, with their figures. */
export const TimelineEntryOut = v.object({
  id: v.number(),
  name: v.string(),
  kind: v.string(),
  startsAt: v.string(),
  timeZone: v.string(),
  durationMinutes: v.number(),
  /** When the host ended it; null when it simply ran past its time. */
  endedAt: v.nullable(v.string()),
  registered: v.number(),
  invited: v.number(),
  /** Attendees who were in the room at least once. */
  attended: v.number(),
});
export type TimelineEntryOut = v.InferOutput<typeof TimelineEntryOut>;
export const TimelineOut = v.object({ events: v.array(TimelineEntryOut) });
