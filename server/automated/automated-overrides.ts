import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { automatedOverrides } from '../db/schema-automated.ts';
import { newId } from '../domain/secrets.ts';

import type { ManualAspect } from '../rooms/room-context.ts';
import type { Actor } from '../rooms/rules/room-model.ts';

/** The part of the room an action of the log is about (the names are those the room and the timeline log). */
export function aspectOfAction(action: string): ManualAspect | null {
  if (action.startsWith('chat-')) return 'chat';
  if (action.startsWith('cta-')) return 'cta';
  if (action.startsWith('poll-')) return 'poll';
  if (action.startsWith('main') || action.startsWith('slides-') || action.startsWith('video-')) return 'main';
  return null;
}

/** `by` is 'timeline' or the actor's role; `actor` names the participant who acted (null for the timeline). */
export interface OverrideEntry { at: string; positionMs: number; kind: 'manual' | 'skipped'; action: string; by: string; actor: { participantId: string; name: string; role: string } | null }

/** The log of manual changes in automated rooms and of the timeline actions they overrode. */
export class AutomatedOverrides {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** A manual change by a person in the room. */
  manual(eventId: string, positionMs: number, action: string, actor: Actor): void {
    this.db.insert(automatedOverrides).values({ id: newId(), eventId, at: this.now(), positionMs, kind: 'manual', action, by: actor.role, actorId: actor.participantId, actorName: actor.name }).run();
  }

  /** What the timeline would have done and did not, because a manual change won. */
  skipped(eventId: string, positionMs: number, action: string): void {
    this.db.insert(automatedOverrides).values({ id: newId(), eventId, at: this.now(), positionMs, kind: 'skipped', action, by: 'timeline' }).run();
  }

  /** What people took over by hand in this room (from the log, so a restarted room knows it too). */
  takenAspects(eventId: string): Set<ManualAspect> {
    const rows = this.db.selectDistinct({ aspect: automatedOverrides.action }).from(automatedOverrides)
      .where(and(eq(automatedOverrides.eventId, eventId), eq(automatedOverrides.kind, 'manual'))).all();
    return new Set(rows.map((r) => aspectOfAction(r.aspect)).filter((a): a is ManualAspect => a !== null));
  }

  /** Newest first, at most 500 (a room with more manual changes than that is not automated any more). */
  list(eventId: string): OverrideEntry[] {
    return this.db.select().from(automatedOverrides).where(eq(automatedOverrides.eventId, eventId)).orderBy(desc(automatedOverrides.at)).limit(500).all()
      .map((r) => ({
        at: r.at.toISOString(), positionMs: r.positionMs, kind: r.kind, action: r.action, by: r.by,
        actor: r.actorId ? { participantId: r.actorId, name: r.actorName ?? '', role: r.by } : null,
      }));
  }
}
