import { signHs256, verifyHs256 } from './hs256.ts';
import { randomToken } from './secrets.ts';

/**
 * Re-entry credentials: what lets the same person back into the same event after a
 * reload or a closed tab without typing the event password again. An HS256 JWT of its
 * own audience ("reentry", so a room ticket is never one), naming one participant of
 * one event, valid a few hours: it proves "I am this participant", like the room's
 * reconnection token, and nothing else.
 */
export const REENTRY_TTL_SECONDS = 8 * 60 * 60;
const AUDIENCE = 'reentry';

export interface Reentry {
  participantId: string;
  eventId: string;
}

export class ReentryCredentials {
  constructor(private readonly secret: string, private readonly now: () => Date = () => new Date()) {}

  async issue(reentry: Reentry): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + REENTRY_TTL_SECONDS;
    const token = signHs256({ sub: reentry.participantId, evt: reentry.eventId, iat, exp, jti: randomToken(9), aud: AUDIENCE }, this.secret);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The participant and event, or undefined when forged, expired, of another audience or malformed. */
  async read(token: string): Promise<Reentry | undefined> {
    if (token.length > 4096) return undefined;
    try {
      const claims = verifyHs256(token, this.secret, AUDIENCE);
      if (!claims) return undefined;
      const { sub, evt, exp } = claims;
      if (typeof sub !== 'string' || typeof evt !== 'string' || typeof exp !== 'number' || exp * 1000 <= this.now().getTime()) return undefined;
      return { participantId: sub, eventId: evt };
    } catch {
      return undefined;
    }
  }
}
