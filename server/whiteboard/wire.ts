import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { WB_MESSAGE, type WhiteboardStatus } from '../../shared/whiteboard-protocol.ts';

/** Encoders of the y-websocket messages the server sends, each built once and sent to many. */

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (doc: Y.Doc) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.sync);
  syncProtocol.writeSyncStep1(e, doc);
});

export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.sync);
  syncProtocol.writeSyncStep2(e, doc, stateVector);
});

export const syncUpdate = (update: Uint8Array) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.sync);
  syncProtocol.writeUpdate(e, update);
});

export const awarenessMessage = (update: Uint8Array) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.awareness);
  encoding.writeVarUint8Array(e, update);
});

/** An awareness update about nobody: keeps idle sockets alive (y-websocket drops a connection after 30 s of silence). */
export const KEEPALIVE = awarenessMessage(new Uint8Array([0]));

export const permissionDenied = (reason: string) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.auth);
  authProtocol.writePermissionDenied(e, reason);
});

export const statusMessage = (status: WhiteboardStatus) => message((e) => {
  encoding.writeVarUint(e, WB_MESSAGE.status);
  encoding.writeVarString(e, JSON.stringify(status));
});

/** One entry of an awareness update: a client's state (null when it left) and its clock. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** Decodes an awareness update (y-protocols' format) so the server can check and rewrite it. */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}
