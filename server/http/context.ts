import type { Caller } from '../domain/accounts-service.ts';

/** Hono environment of our app: what middlewares put on the context. */
export interface AppEnv {
  Variables: {
    caller: Caller | undefined;
    clientAddress: string;
  };
}
