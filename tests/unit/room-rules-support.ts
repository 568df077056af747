import { limitsFor } from '../../shared/plans.ts';
import type { Role } from '../../shared/join-schemas.ts';
import type { Actor, ParticipantModel, RoomModel } from '../../server/rooms/rules/room-model.ts';

/** A small room for the rule tests: a host, a presenter and two attendees, all online. */
export function roomWith(overrides: Partial<RoomModel> = {}): RoomModel {
  const room: RoomModel = {
    eventId: 'event-1',
    eventKind: 'webinar',
    status: 'live',
    mode: 'presentation',
    chatEnabled: true,
    qaOpen: true,
    collaboration: false,
    publishedQuestionId: null,
    mainView: 'video',
    limits: limitsFor('trial'),
    participants: new Map(),
    questions: new Map(),
    polls: new Map(),
    stagePollId: null,
    cta: null,
    ...overrides,
  };
  for (const [id, role] of [['host', 'host'], ['presenter', 'presenter'], ['anna', 'attendee'], ['bob', 'attendee']] as const) {
    if (!room.participants.has(id)) room.participants.set(id, participant(id, role));
  }
  return room;
}

export function participant(id: string, role: Role, connections = 1): ParticipantModel {
  return { id, name: id, role, email: `${id}@example.com`, connections, handRaised: false, mediaGranted: false, excluded: null };
}

export const as = (id: string, role: Role): Actor => ({ participantId: id, role, name: id });
export const host = as('host', 'host');
export const presenter = as('presenter', 'presenter');
export const anna = as('anna', 'attendee');
export const bob = as('bob', 'attendee');
export const everyone = [host, presenter, anna] as const;

/** The refusal code a rule throws, or 'ok'. */
export function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
