import * as v from 'valibot';

/** The event report (POST-1) and the account statistics, as the REST API returns them. */

/** `seconds` to the millisecond. */
export const StayOut = v.object({ joinedAt: v.string(), leftAt: v.nullable(v.string()), seconds: v.number() });

export const AttendeeRowOut = v.object({
  participantId: v.string(),
  name: v.string(),
  email: v.nullable(v.string()),
  role: v.picklist(['host', 'presenter', 'attendee']),
  stays: v.array(StayOut),
  totalSeconds: v.number(),
  firstJoinedAt: v.nullable(v.string()),
  lastLeftAt: v.nullable(v.string()),
  device: v.nullable(v.string()),
  os: v.nullable(v.string()),
  browser: v.nullable(v.string()),
  country: v.nullable(v.string()),
  rating: v.nullable(v.number()),
  comment: v.nullable(v.string()),
  chatLines: v.number(),
  questionsAsked: v.number(),
  questionsUpvoted: v.number(),
  pollAnswers: v.number(),
  /** Test scores as `correct/scored`, by test title. */
  testScores: v.record(v.string(), v.string()),
  ctaClicks: v.number(),
});
export type AttendeeRowOut = v.InferOutput<typeof AttendeeRowOut>;

export const ReportPollOut = v.object({
  id: v.string(),
  kind: v.picklist(['poll', 'test']),
  title: v.string(),
  status: v.string(),
  respondents: v.number(),
  questions: v.array(v.object({
    text: v.string(),
    type: v.string(),
    answered: v.number(),
    choices: v.array(v.object({ text: v.string(), votes: v.number(), correct: v.boolean() })),
    /** Open answers, as written (with the author's name). */
    openAnswers: v.array(v.object({ name: v.string(), text: v.string() })),
  })),
});

export const EventReportOut = v.object({
  event: v.object({ id: v.number(), name: v.string(), startsAt: v.string(), timeZone: v.string(), status: v.string(), startedAt: v.nullable(v.string()), endedAt: v.nullable(v.string()) }),
  summary: v.object({
    registered: v.number(),
    attended: v.number(),
    peakConcurrent: v.number(),
    averageConcurrent: v.number(),
    averageSeconds: v.number(),
    /** Shares of attendees (0..1) who did each. */
    engagement: v.object({ chatted: v.number(), asked: v.number(), voted: v.number(), clicked: v.number() }),
    averageRating: v.nullable(v.number()),
    ratings: v.number(),
  }),
  /** Attendees in the room at each step, and the joins and leaves in it. */
  timeline: v.object({ stepSeconds: v.number(), points: v.array(v.object({ at: v.string(), attendees: v.number(), joins: v.number(), leaves: v.number() })) }),
  /** How many gave 1, 2, 3, 4 and 5. */
  ratingCounts: v.array(v.number()),
  comments: v.array(v.object({ name: v.string(), rating: v.number(), comment: v.string() })),
  polls: v.array(ReportPollOut),
  attendees: v.array(AttendeeRowOut),
  chat: v.array(v.object({ at: v.string(), name: v.string(), role: v.string(), text: v.string() })),
  questions: v.array(v.object({ at: v.string(), name: v.string(), text: v.string(), state: v.string(), votes: v.number() })),
});
export type EventReportOut = v.InferOutput<typeof EventReportOut>;

const Count = v.object({ name: v.string(), count: v.number() });
export const AccountStatsOut = v.object({
  events: v.number(),
  attendees: v.number(),
  perMonth: v.array(v.object({ month: v.string(), events: v.number(), attendees: v.number() })),
  countries: v.array(Count),
  devices: v.array(Count),
  browsers: v.array(Count),
  os: v.array(Count),
});
export type AccountStatsOut = v.InferOutput<typeof AccountStatsOut>;

export const RatingBody = v.object({
  ticket: v.pipe(v.string(), v.minLength(1, 'The room ticket is required.'), v.maxLength(4000)),
  rating: v.pipe(v.number(), v.integer('A whole number from 1 to 5.'), v.minValue(1, 'From 1 to 5.'), v.maxValue(5, 'From 1 to 5.')),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, 'At most 2,000 characters.')), ''),
});
