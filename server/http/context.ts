import type { Caller } from '../domain/accounts-service.ts';

/** Hono environment of our app: what middlewares put on the context. */
export interface AppEnv {
  Variables: {
    caller: Caller | undefined;
    clientAddress: string;
    /** Set by a sign-up that created an account (for the partner referral), never sent out. */
    signedUpAccountId?: string;
    /** Set by a successful join (for the statistics of the joining device), never sent out. */
    joined?: { eventKey: string; participantId: string };
  };
}
