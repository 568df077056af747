import type { PluralForms } from './en.ts';
import type { enAudience } from './en-audience.ts';

/** Polish text of joining a big audience (see en-audience.ts). */
const forms = (one: string, few: string, many: string): PluralForms => ({ one, few, many, other: few });

export const plAudience: typeof enAudience = {
  'audience.joiningAhead': forms('Dołączanie… przed Tobą 1 osoba', 'Dołączanie… przed Tobą {count} osoby', 'Dołączanie… przed Tobą {count} osób'),
};
