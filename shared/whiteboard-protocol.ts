import type { Role } from './join-schemas.ts';

/**
 * The whiteboard's wire protocol: y-websocket's messages (sync, awareness, auth,
 * query-awareness) on `/yjs/<public event id>?ticket=…`, plus one message of our own
 * (`status`, JSON) that the server sends only to clients that announce they read it
 * (`client=webinar`), so any stock y-websocket client still works.
 */
export const WHITEBOARD_PATH = '/yjs';
export const WHITEBOARD_CLIENT_PARAM = 'client';
export const WHITEBOARD_CLIENT_NAME = 'webinar';

export const WB_MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Ours: a JSON `WhiteboardStatus`. */
  status: 100,
} as const;

/** One update larger than this is refused (the socket itself drops frames over 4 MiB). */
export const MAX_UPDATE_BYTES = 2 * 1024 * 1024;
/** Default limit of one board's stored size; `WHITEBOARD_MAX_BYTES` changes it. */
export const DEFAULT_MAX_BOARD_BYTES = 20 * 1024 * 1024;

export type WhiteboardStatus =
  | { type: 'status'; role: Role; collaboration: boolean; canWrite: boolean }
  /** A fresh ticket for the next reconnection: the one the page started with expires. */
  | { type: 'ticket'; ticket: string };

/** Why an update was refused; sent as y-protocols' "permission denied" reason `code: message`. */
export const WHITEBOARD_REFUSAL = {
  readOnly: 'whiteboard-read-only',
  invalid: 'whiteboard-invalid-update',
  tooLarge: 'whiteboard-update-too-large',
  full: 'whiteboard-full',
  failed: 'whiteboard-not-saved',
} as const;
export type WhiteboardRefusalCode = (typeof WHITEBOARD_REFUSAL)[keyof typeof WHITEBOARD_REFUSAL];

export function refusalReason(code: WhiteboardRefusalCode, message: string): string {
  return `${code}: ${message}`;
}

export function parseRefusal(reason: string): { code: string; message: string } {
  const at = reason.indexOf(': ');
  return at < 0 ? { code: 'whiteboard-refused', message: reason } : { code: reason.slice(0, at), message: reason.slice(at + 2) };
}

/**
 * Close codes. 4400-4499 tell y-websocket not to reconnect (the same numbers as the
 * rooms' refusals); 4500-4599 mean "come back later".
 */
export const WHITEBOARD_CLOSE = {
  notAdmitted: 4401,
  excluded: 4403,
  notStarted: 4409,
  ended: 4410,
  tooSlow: 4508,
  shuttingDown: 1012,
} as const;
