import { isStaff } from '../../shared/room-policy.ts';
import type { ParticipantModel, RoomModel } from './rules/room-model.ts';

/**
 * Counts and small sets kept beside the room model, so that nothing done per join or
 * per state patch walks every participant of a 10,000-person room: the attendees
 * online (the capacity check and the state's counter), the hosts and presenters (the
 * state's speakers) and who may have a hand up. The controller tells it of every
 * change of connections, role or hand; `onlineAttendees(model)` in the rules stays the
 * reference it must agree with.
 */
export class RoomCensus {
  private online = 0;
  /** Participants with a staff role (few). */
  readonly staff = new Set<string>();
  /** Participants whose hand may be up; the mirror drops those whose hand went down. */
  readonly hands = new Set<string>();

  constructor(private readonly model: RoomModel) {
    for (const p of model.participants.values()) this.added(p);
  }

  get onlineAttendees(): number {
    return this.online;
  }

  /** A participant entered the model (loaded, or joined through REST). */
  added(p: ParticipantModel): void {
    if (isStaff(p.role)) this.staff.add(p.id);
    if (p.handRaised) this.hands.add(p.id);
    if (p.role === 'attendee' && p.connections > 0) this.online++;
  }

  /** Call after `connections` went up by one. */
  connected(p: ParticipantModel): void {
    if (p.role === 'attendee' && p.connections === 1) this.online++;
  }

  /** Call after `connections` went down by one (or stayed at 0). */
  disconnected(p: ParticipantModel, before: number): void {
    if (p.role === 'attendee' && before > 0 && p.connections === 0) this.online--;
  }

  /** Call after the role changed from `before`. */
  roleChanged(p: ParticipantModel, before: ParticipantModel['role']): void {
    if (p.connections > 0 && before !== p.role) {
      if (before === 'attendee') this.online--;
      if (p.role === 'attendee') this.online++;
    }
    if (isStaff(p.role)) this.staff.add(p.id);
    else this.staff.delete(p.id);
  }

  handChanged(p: ParticipantModel): void {
    if (p.handRaised) this.hands.add(p.id);
  }

  /** Hands up among those online and not excluded (forgets the ones that went down). */
  handsRaised(): number {
    let count = 0;
    for (const id of this.hands) {
      const p = this.model.participants.get(id);
      if (!p || !p.handRaised) this.hands.delete(id);
      else if (p.connections > 0 && !p.excluded) count++;
    }
    return count;
  }
}
