import type { ReactNode } from 'react';

/**
 * A reserved place in the main window that another part of the product fills:
 *  - `media`: live video, screen sharing and media files (ROOM-5, ROOM-11, ROOM-12),
 *    where the LiveKit view goes. Until then it holds the placeholder it is given.
 *  - `whiteboard`: the Whiteboard component (ROOM-10). Empty, and out of the way, until
 *    something is put in it.
 * The slot has a fixed place in the stage's grid, so what appears in it never moves
 * the rest of the room.
 */
export function StageSlot({ kind, children }: { kind: 'media' | 'whiteboard'; children?: ReactNode }) {
  return (
    <div className={`stage-slot stage-slot-${kind}`} data-slot={kind} data-testid={`stage-slot-${kind}`} hidden={children === undefined || children === null}>
      {children}
    </div>
  );
}
