import * as Y from 'yjs';
import { isBoardRootName } from '../../shared/whiteboard-model.ts';

/**
 * Checks a client's Yjs update before it touches the document. Yjs applies what it can
 * and parks the rest as "pending" forever, and a half-decoded update can leave a
 * document half-changed; so an update is decoded completely first, and accepted only
 * when everything it builds on is already on the board or in the update itself, and
 * it only adds to the board's own root types.
 *
 * @returns why the update is refused, or undefined when it may be applied.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): string | undefined {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return 'The update could not be decoded.';
  }
  // How far each client's history reaches once this update is in: the board's own
  // state, extended by the update's structs as long as they follow on without a gap.
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const known = reachOf(client);
    if (clock > known) return 'The update builds on changes the board does not have.';
    reach.set(client, Math.max(known, clock + struct.length));
  }
  const isKnown = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!isKnown(struct.origin) || !isKnown(struct.rightOrigin)) return 'The update builds on changes the board does not have.';
    const parent = struct.parent as unknown;
    if (typeof parent === 'string' && !isBoardRootName(parent)) return `The board has no part named "${parent.slice(0, 40)}".`;
    if (parent instanceof Y.ID && !isKnown(parent)) return 'The update builds on changes the board does not have.';
    if (struct.content instanceof Y.ContentDoc) return 'Sub-documents are not allowed on the board.';
  }
  for (const [client, deletions] of decoded.ds.clients) {
    for (const deletion of deletions) {
      if (deletion.clock + deletion.len > reachOf(client)) return 'The update deletes something the board does not have.';
    }
  }
  return undefined;
}

/**
 * True when applying the update would change nothing: what a read-only client sends
 * back after a reconnection (its state is what it received). Such an update is not an
 * attempt to write and is ignored quietly.
 */
export function changesNothing(snapshot: Y.Snapshot, update: Uint8Array): boolean {
  try {
    return Y.snapshotContainsUpdate(snapshot, update);
  } catch {
    return false;
  }
}
