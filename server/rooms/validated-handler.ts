import type { Client } from '@colyseus/core';
import * as v from 'valibot';
import { SERVER_MESSAGES, type RoomError } from '../../shared/room-messages.ts';
import { AppError } from '../domain/app-error.ts';

/**
 * Wraps a room message handler: the payload is parsed with its valibot schema first,
 * and a bad payload or a refused action (AppError) is answered with an `error` message
 * to that client only. Colyseus's own `validate()` would disconnect the client instead.
 */
export function validated<S extends v.GenericSchema, C extends Client>(
  type: string,
  schema: S,
  handler: (client: C, message: v.InferOutput<S>) => void | Promise<void>,
): (client: C, raw: unknown) => Promise<void> {
  return async (client, raw) => {
    const parsed = v.safeParse(schema, raw);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue ? v.getDotPath(issue) : null;
      sendError(client, { code: 'invalid-message', message: `${type}: ${field ? `${field}: ` : ''}${issue?.message ?? 'invalid'}` });
      return;
    }
    try {
      await handler(client, parsed.output);
    } catch (error) {
      if (error instanceof AppError) sendError(client, { code: error.code, message: error.message });
      else throw error;
    }
  };
}

export function sendError(client: Client, error: RoomError): void {
  client.send(SERVER_MESSAGES.error, error);
}
