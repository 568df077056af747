import { ErrorCode, ServerError } from '@colyseus/core';
import { AppError } from '../domain/app-error.ts';
import { ROOM_REFUSAL } from '../rooms/room-admission.ts';

/** Our rooms' refusal codes (44xx) as problems: the HTTP status is the last three digits. */
const REFUSAL_CODES: Record<number, string> = {
  [ROOM_REFUSAL.notAdmitted]: 'invalid-ticket',
  [ROOM_REFUSAL.excluded]: 'excluded',
  [ROOM_REFUSAL.notStarted]: 'not-started',
  [ROOM_REFUSAL.ended]: 'event-ended',
  [ROOM_REFUSAL.full]: 'event-full',
};

/**
 * Colyseus's matchmaking errors that are the caller's mistake, not ours. Colyseus
 * numbers them 520–526 (and would answer 5xx); each becomes a 4xx with a stable code.
 * `MATCHMAKE_UNHANDLED` and `APPLICATION_ERROR` are left out: they also stand for an
 * exception in a room's own code, which is a fault of the server.
 */
const COLYSEUS_MISTAKES: Partial<Record<number, { status: number; code: string; message: string }>> = {
  [ErrorCode.MATCHMAKE_NO_HANDLER]: { status: 404, code: 'no-such-room-type', message: 'There is no room of this kind.' },
  [ErrorCode.MATCHMAKE_INVALID_CRITERIA]: { status: 404, code: 'room-not-found', message: 'No room matches.' },
  [ErrorCode.MATCHMAKE_INVALID_ROOM_ID]: { status: 404, code: 'room-not-found', message: 'This room does not exist (any more). Join the event again.' },
  [ErrorCode.MATCHMAKE_EXPIRED]: { status: 403, code: 'reconnection-refused', message: 'This reconnection token is not valid (any more). Join the event again.' },
  [ErrorCode.AUTH_FAILED]: { status: 403, code: 'invalid-ticket', message: 'This ticket does not open this room. Join the event again.' },
  [ErrorCode.INVALID_PAYLOAD]: { status: 400, code: 'invalid-options', message: 'The join options could not be read.' },
};

/**
 * The client's mistake behind a matchmaking failure as an AppError (answered 4xx and
 * not logged as a fault), or undefined when it is a real server fault.
 */
export function matchmakeMistake(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!(error instanceof ServerError)) return undefined;
  const { code } = error;
  const known = COLYSEUS_MISTAKES[code];
  if (known) return new AppError(known.code, known.status, known.message);
  if (REFUSAL_CODES[code]) return new AppError(REFUSAL_CODES[code], code - 4000, error.message);
  // A room's own refusal in HTTP terms (onCreate's 404 for an unknown event) or another application code.
  if (code >= 400 && code < 500) return new AppError(code === 404 ? 'not-found' : 'refused', code, error.message);
  if (code >= 4000 && code < 5000) return new AppError('refused', 400, error.message);
  return undefined;
}
