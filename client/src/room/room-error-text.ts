import type { RoomError } from '../../../shared/room-messages.ts';
import { errorText } from '../i18n/error-text.ts';
import type { I18n, TextKey } from '../i18n/i18n.tsx';

/**
 * Refusals whose English text carries numbers or a name worth repeating ("at most 25
 * attendees; 31 are in the room"). The room sends only a code and English prose, so the
 * values are read back from the prose; if its wording ever changes, the plain
 * translation of the code is shown instead.
 */
const WITH_VALUES: Record<string, { key: TextKey; pattern: RegExp; names: string[] }> = {
  'presenter-limit': { key: 'roomError.presenterLimit', pattern: /allows (\d+) presenters/, names: ['limit'] },
  'discussion-too-big': { key: 'roomError.discussionTooBig', pattern: /at most (\d+) attendees.*?(\d+) are in/, names: ['limit', 'count'] },
  'poll-running': { key: 'roomError.pollRunning', pattern: /End “(.+)” first/, names: ['title'] },
  'stage-file-deleted': { key: 'roomError.stageFileDeleted', pattern: /^“(.+)” was deleted/, names: ['title'] },
};

/** A room refusal in the visitor's language, by its code. */
export function roomErrorText(t: I18n['t'], error: RoomError): string {
  const special = WITH_VALUES[error.code];
  const match = special ? special.pattern.exec(error.message) : null;
  if (special && match) {
    return t(special.key, Object.fromEntries(special.names.map((name, i) => [name, match[i + 1] ?? ''])));
  }
  return errorText(t, error);
}
