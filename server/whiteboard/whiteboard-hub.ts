import * as Y from 'yjs';
import type { EventRow } from '../domain/events-service.ts';
import { WhiteboardDocument, type DocumentServices } from './whiteboard-document.ts';

/**
 * The boards that are open in this process, one document per event, created on the
 * first connection and dropped when the last one leaves.
 */
export class WhiteboardHub {
  private readonly documents = new Map<string, WhiteboardDocument>();

  constructor(private readonly services: DocumentServices) {}

  /** The event's open document, loading it from storage if nobody has it open. */
  open(event: EventRow): WhiteboardDocument {
    let document = this.documents.get(event.id);
    if (!document || document.closed) {
      document = new WhiteboardDocument(event, this.services, (closed) => {
        if (this.documents.get(event.id) === closed) this.documents.delete(event.id);
      });
      this.documents.set(event.id, document);
    }
    return document;
  }

  /** Open document of an event, if any (tests, benchmark). */
  find(eventId: string): WhiteboardDocument | undefined {
    return this.documents.get(eventId);
  }

  get openDocuments(): number {
    return this.documents.size;
  }

  /**
   * A copy of the board as it is now, for the export: from the open document when
   * people are drawing, else straight from storage. The caller owns (and destroys) it.
   */
  copyOfBoard(eventId: string): Y.Doc {
    const doc = new Y.Doc();
    const open = this.documents.get(eventId);
    if (open) {
      Y.applyUpdate(doc, open.encodeState());
    } else {
      const stored = this.services.store.load(eventId);
      if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(stored.updates));
    }
    return doc;
  }

  shutdown(): void {
    for (const document of [...this.documents.values()]) document.shutdown();
    this.documents.clear();
  }
}
