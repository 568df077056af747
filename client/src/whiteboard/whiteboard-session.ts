import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PAGES_ROOT, pageIds, pageShapesArray } from '../../../shared/whiteboard-model.ts';
import { WB_MESSAGE, WHITEBOARD_CLIENT_NAME, WHITEBOARD_CLIENT_PARAM, WHITEBOARD_PATH, parseRefusal, type WhiteboardStatus } from '../../../shared/whiteboard-protocol.ts';

/** The origin of this browser's own changes: the undo manager tracks exactly these. */
export const LOCAL_ORIGIN = 'local-user';

export type BoardConnection = 'connecting' | 'connected' | 'disconnected' | 'closed';

export interface SessionEvents {
  connection(state: BoardConnection, closeCode?: number): void;
  status(status: Extract<WhiteboardStatus, { type: 'status' }>): void;
  /** The server refused one of our changes; the session must be replaced by a fresh one. */
  refused(code: string, message: string): void;
  synced(): void;
}

/**
 * One connection to an event's board: the Y.Doc, its y-websocket provider, presence
 * and the undo manager of this person's own changes. Refusals and our `status`
 * messages come in through handlers added to the provider; a refused change lives only
 * in this copy of the board, so the owner replaces the session with a fresh one.
 */
export class WhiteboardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly undo: Y.UndoManager;
  private destroyed = false;

  constructor(eventId: number, private ticket: string, private readonly events: SessionEvents) {
    const base = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}${WHITEBOARD_PATH}`;
    this.provider = new WebsocketProvider(base, String(eventId), this.doc, {
      connect: false,
      params: { ticket, [WHITEBOARD_CLIENT_PARAM]: WHITEBOARD_CLIENT_NAME },
      // Tabs of one browser must not exchange changes around the server, which checks them.
      disableBc: true,
    });
    // Nobody publishes presence until they may draw (see setPresence).
    this.provider.awareness.setLocalState(null);
    this.provider.messageHandlers[WB_MESSAGE.auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
        const { code, message } = parseRefusal(reason);
        if (!this.destroyed) this.events.refused(code, message);
      });
    };
    // Changes from the server are applied with the provider as their origin, which its
    // 'update' listener never sends back; Yjs would still encode each of them again for
    // that listener: a second copy of the whole board (2 MB at 10,000 strokes) on
    // opening it. The listener is off while the server's sync messages are applied.
    const applySync = this.provider.messageHandlers[WB_MESSAGE.sync]!;
    this.provider.messageHandlers[WB_MESSAGE.sync] = (encoder, decoder, provider, emitSynced, type) => {
      this.doc.off('update', provider._updateHandler);
      try {
        applySync(encoder, decoder, provider, emitSynced, type);
      } finally {
        this.doc.on('update', provider._updateHandler);
      }
    };
    this.provider.messageHandlers[WB_MESSAGE.status] = (_encoder, decoder) => {
      const status = JSON.parse(decoding.readVarString(decoder)) as WhiteboardStatus;
      if (status.type === 'ticket') this.setTicket(status.ticket);
      else this.events.status(status);
    };
    this.provider.on('status', ({ status }) => this.events.connection(status));
    this.provider.on('closed', ({ code }) => this.events.connection('closed', code));
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.events.synced();
    });
    this.undo = new Y.UndoManager([this.doc.getArray(PAGES_ROOT), ...pageIds(this.doc).map((id) => pageShapesArray(this.doc, id))], {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
    });
    // Pages added later (by anyone) join the undo scope, so a stroke there can be undone too.
    this.doc.getArray(PAGES_ROOT).observe(() => this.undo.addToScope(pageIds(this.doc).map((id) => pageShapesArray(this.doc, id))));
    this.provider.connect();
  }

  /** The freshest ticket: the next reconnection (after a drop or a server restart) uses it. */
  setTicket(ticket: string): void {
    this.ticket = ticket;
    this.provider.params = { ...this.provider.params, ticket };
  }

  /** Tries again after the server closed the socket, e.g. with an expired ticket, once a newer one is known. */
  reconnect(ticket?: string): void {
    if (ticket) this.setTicket(ticket);
    this.provider.connect();
  }

  get currentTicket(): string {
    return this.ticket;
  }

  /** Publishes (or, with null, withdraws) this person's cursor and the stroke being drawn. */
  setPresence(state: Record<string, unknown> | null): void {
    if (this.destroyed) return;
    this.provider.awareness.setLocalState(state);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.awareness.setLocalState(null);
    this.undo.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}
