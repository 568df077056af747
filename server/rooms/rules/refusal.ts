import { AppError } from '../../domain/app-error.ts';

/**
 * Refusals of room actions. They are AppErrors, so the room's handler wrapper sends
 * them to the one client concerned as `error` messages, and nothing changes.
 */
export const refuse = (code: string, message: string): never => {
  throw new AppError(code, 403, message);
};

export const notAllowed = (what: string): never => refuse('not-allowed', `Your role may not ${what}.`);
