import type { PluralForms } from './en.ts';

/** English text of joining a big audience: the place in the server's line while it seats a crowd in turn. */
const same = (one: string, other: string): PluralForms => ({ one, few: other, many: other, other });

export const enAudience = {
  'audience.joiningAhead': same('Joining… 1 person ahead of you', 'Joining… {count} people ahead of you'),
};
