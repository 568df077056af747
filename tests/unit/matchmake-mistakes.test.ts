import { ErrorCode, ServerError } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { matchmakeMistake } from '../../server/api/matchmake-errors.ts';

describe('which matchmaking failures are the client\'s mistake', () => {
  it('maps Colyseus\'s 52x codes for unknown rooms and stale tokens to 4xx with stable codes', () => {
    expect(matchmakeMistake(new ServerError(ErrorCode.MATCHMAKE_INVALID_ROOM_ID, 'room "x" not found'))).toMatchObject({ status: 404, code: 'room-not-found' });
    expect(matchmakeMistake(new ServerError(ErrorCode.MATCHMAKE_EXPIRED, 'expired'))).toMatchObject({ status: 403, code: 'reconnection-refused' });
    expect(matchmakeMistake(new ServerError(ErrorCode.MATCHMAKE_NO_HANDLER, 'no handler'))).toMatchObject({ status: 404, code: 'no-such-room-type' });
  });

  it('maps our rooms\' 44xx refusals to the matching HTTP status', () => {
    expect(matchmakeMistake(new ServerError(4403, 'You have been removed from this event.'))).toMatchObject({ status: 403, code: 'excluded' });
    expect(matchmakeMistake(new ServerError(4410, 'The event has ended.'))).toMatchObject({ status: 410, code: 'event-ended' });
    expect(matchmakeMistake(new ServerError(404, 'Event not found.'))).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('leaves real faults (a room\'s own exception, anything unknown) to the 500 path', () => {
    expect(matchmakeMistake(new Error('database is locked'))).toBeUndefined();
    expect(matchmakeMistake(new ServerError(ErrorCode.APPLICATION_ERROR, 'boom'))).toBeUndefined();
    expect(matchmakeMistake(new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, 'boom'))).toBeUndefined();
    expect(matchmakeMistake(new ServerError(500, 'boom'))).toBeUndefined();
  });
});
