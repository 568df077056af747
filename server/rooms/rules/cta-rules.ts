import { isStaff } from '../../../shared/room-policy.ts';
import type { Actor, CtaModel, RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** Call to action (ROOM-9): a pop-up with a button, shown for a while or until closed. */

export function checkCtaShow(room: RoomModel, actor: Actor): void {
  if (!isStaff(actor.role)) notAllowed('show a call to action');
  if (room.status !== 'live') refuse('not-live', 'Start the event first.');
}

export function activeCta(room: RoomModel, now: Date): CtaModel | null {
  const cta = room.cta;
  if (!cta || (cta.endsAt && cta.endsAt <= now)) return null;
  return cta;
}

export function checkCtaClose(room: RoomModel, actor: Actor, now: Date): CtaModel {
  if (!isStaff(actor.role)) notAllowed('close the call to action');
  const cta = activeCta(room, now);
  if (!cta) refuse('no-cta', 'No call to action is showing.');
  return cta!;
}

export function checkCtaClick(room: RoomModel, ctaId: string, now: Date): CtaModel {
  const cta = activeCta(room, now);
  if (!cta || cta.id !== ctaId) refuse('no-cta', 'This call to action is no longer showing.');
  return cta!;
}
