import { TrackSource } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { mediaGrant } from '../../shared/media-grants.ts';
import { permissionMatches, toPermission, toVideoGrant } from '../../server/media/livekit-grants.ts';
import { checkCamera } from '../../server/rooms/rules/media-rules.ts';
import { anna, host, outcome, presenter, roomWith } from './room-rules-support.ts';

const STAFF = ['microphone', 'screen_share', 'screen_share_audio'];

describe('LiveKit grants come from role and mode alone (ROOM-3, ROOM-4)', () => {
  it.each([
    ['presentation', 'host', false, STAFF, true],
    ['presentation', 'presenter', false, STAFF, true],
    ['presentation', 'attendee', false, [], true],
    ['presentation', 'attendee', true, ['microphone'], true],
    ['discussion', 'presenter', false, STAFF, true],
    ['discussion', 'attendee', false, ['microphone'], true],
    ['private', 'presenter', false, STAFF, true],
    ['private', 'attendee', false, [], false],
    ['private', 'attendee', true, [], false],
  ] as const)('%s mode, %s (granted: %s)', (mode, role, granted, publish, subscribe) => {
    expect(mediaGrant(mode, role, granted, false)).toEqual({ publish, subscribe });
  });

  it('only a camera slot adds the camera, and only for someone who may speak (ROOM-5)', () => {
    expect(mediaGrant('presentation', 'presenter', false, true).publish).toContain('camera');
    expect(mediaGrant('discussion', 'attendee', false, true).publish).toEqual(['microphone', 'camera']);
    expect(mediaGrant('presentation', 'attendee', false, true).publish).toEqual([]);
  });

  it('the token grant and the participant permission say the same, and never allow data or metadata', () => {
    const grant = mediaGrant('presentation', 'presenter', false, true);
    const token = toVideoGrant('event-x', grant);
    expect(token).toMatchObject({ room: 'event-x', roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: false, canUpdateOwnMetadata: false });
    expect(token.canPublishSources).toEqual([TrackSource.MICROPHONE, TrackSource.CAMERA, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]);
    const permission = toPermission(grant);
    expect(permission).toMatchObject({ canPublish: true, canSubscribe: true, canPublishData: false, canUpdateMetadata: false, hidden: false });
    expect(permissionMatches({ canPublish: true, canSubscribe: true, canPublishData: false, canPublishSources: [...permission.canPublishSources!].reverse() }, grant)).toBe(true);
    expect(permissionMatches({ canPublish: true, canSubscribe: true, canPublishData: false, canPublishSources: [TrackSource.MICROPHONE] }, grant)).toBe(false);
    const listener = toVideoGrant('event-x', mediaGrant('private', 'attendee', false, false));
    expect(listener).toMatchObject({ canPublish: false, canPublishSources: [], canSubscribe: false });
  });
});

describe('camera slots (ROOM-5)', () => {
  it('refuses a camera beyond the plan limit, to those who may not speak, and after the end', () => {
    const room = roomWith();
    expect(outcome(() => checkCamera(room, presenter, room.participants.get('presenter')!, 3, false))).toBe('ok');
    expect(outcome(() => checkCamera(room, presenter, room.participants.get('presenter')!, 4, false))).toBe('stream-limit');
    expect(outcome(() => checkCamera(room, presenter, room.participants.get('presenter')!, 4, true))).toBe('ok');
    expect(outcome(() => checkCamera(room, anna, room.participants.get('anna')!, 0, false))).toBe('not-allowed');
    expect(outcome(() => checkCamera(roomWith({ mode: 'discussion' }), anna, room.participants.get('anna')!, 0, false))).toBe('ok');
    expect(outcome(() => checkCamera(roomWith({ status: 'ended' }), host, room.participants.get('host')!, 0, false))).toBe('event-ended');
  });

  it('the add-on plan allows seven cameras', () => {
    const room = roomWith({ limits: { ...roomWith().limits, maxVideoStreams: 7 } });
    expect(outcome(() => checkCamera(room, host, room.participants.get('host')!, 6, false))).toBe('ok');
    expect(outcome(() => checkCamera(room, host, room.participants.get('host')!, 7, false))).toBe('stream-limit');
  });
});
