import { signHs256, verifyHs256 } from './hs256.ts';
import type { Role } from '../../shared/join-schemas.ts';
import { randomToken } from './secrets.ts';

/**
 * Room tickets: HS256 JWTs (the algorithm is fixed on both sides, never read from the
 * token) that carry who may enter which event with which role. A ticket is bound to
 * one event: the room compares `evt` with its own event before anything else.
 */
export interface Ticket {
  participantId: string;
  /** Internal id of the event the ticket opens. */
  eventId: string;
  role: Role;
  name: string;
  expiresAt: Date;
}

const AUDIENCE = 'room';
export const TICKET_TTL_SECONDS = 15 * 60;
/** A recorder ticket has an audience of its own: it can never be read as a participant's ticket, nor one of theirs as it. */
const RECORDER_AUDIENCE = 'room-recorder';
/** A recording may run 12 hours; its recorder page keeps one ticket for all of it (a new part gets a new one). */
export const RECORDER_TICKET_TTL_SECONDS = 12 * 60 * 60 + 15 * 60;

/**
 * What opens an event's live room to a recorder (ROOM-13): the room shows it what the
 * stage shows, read-only. It names no participant, so it is in no roster or count.
 */
export interface RecorderTicket {
  /** The recording (or Egress part) the recorder page films. */
  recorderId: string;
  /** Internal id of the event whose room it watches. */
  eventId: string;
  expiresAt: Date;
}

export class TicketSigner {
  constructor(private readonly secret: string, private readonly now: () => Date = () => new Date()) {}

  async issue(ticket: Omit<Ticket, 'expiresAt'>): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + TICKET_TTL_SECONDS;
    const token = signHs256({ sub: ticket.participantId, evt: ticket.eventId, role: ticket.role, name: ticket.name, iat, exp, jti: randomToken(12), aud: AUDIENCE }, this.secret);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The ticket's claims, or undefined when it is forged, expired or malformed. */
  async read(token: unknown): Promise<Ticket | undefined> {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    try {
      const claims = verifyHs256(token, this.secret, AUDIENCE);
      if (!claims) return undefined;
      const { sub, evt, role, name, exp } = claims;
      if (typeof sub !== 'string' || typeof evt !== 'string' || typeof name !== 'string' || typeof exp !== 'number') return undefined;
      if (role !== 'host' && role !== 'presenter' && role !== 'attendee') return undefined;
      if (exp * 1000 <= this.now().getTime()) return undefined;
      return { participantId: sub, eventId: evt, role, name, expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }

  async issueRecorder(ticket: Omit<RecorderTicket, 'expiresAt'>): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + RECORDER_TICKET_TTL_SECONDS;
    const token = signHs256({ sub: ticket.recorderId, evt: ticket.eventId, iat, exp, jti: randomToken(12), aud: RECORDER_AUDIENCE }, this.secret);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** A recorder ticket's claims, or undefined (forged, expired, malformed, or a participant's ticket). */
  readRecorder(token: unknown): RecorderTicket | undefined {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    try {
      const claims = verifyHs256(token, this.secret, RECORDER_AUDIENCE);
      if (!claims) return undefined;
      const { sub, evt, exp } = claims;
      if (typeof sub !== 'string' || typeof evt !== 'string' || typeof exp !== 'number') return undefined;
      if (exp * 1000 <= this.now().getTime()) return undefined;
      return { recorderId: sub, eventId: evt, expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }
}
