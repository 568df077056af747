import * as v from 'valibot';

/** Event appearance (EV-8): colours as #rrggbb; null returns to the product's own. */
const Color = v.nullable(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^#[0-9a-f]{6}$/, 'Use a colour such as #1d4ed8.')));

export const AppearanceBody = v.object({
  primaryColor: v.optional(Color),
  backgroundColor: v.optional(Color),
});
export type AppearanceBody = v.InferOutput<typeof AppearanceBody>;

export const ReminderSettingsBody = v.object({
  /** Minutes before the start; [] turns reminders off. Default [1440, 15]. */
  minutesBefore: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1, 'At least a minute before.'), v.maxValue(60 * 24 * 30, 'At most 30 days before.'))), v.maxLength(5, 'At most 5 reminders.')),
  /** EV-9: the automatic thank-you e-mail to every attendee after the end. */
  thankYouEmail: v.optional(v.boolean()),
});

export const ReminderSettingsOut = v.object({
  minutesBefore: v.array(v.number()),
  thankYouEmail: v.boolean(),
  /** The reminders still to go out, with when. */
  planned: v.array(v.object({ minutes: v.number(), runAt: v.string() })),
});
