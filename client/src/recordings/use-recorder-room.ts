import { useEffect, useState } from 'react';
import type { LiveRoomState } from '../../../shared/live-room-state.ts';
import { RoomConnection, type ConnectionStatus } from '../../../shared/room-connection.ts';
import { LIVE_ROOM_NAME } from '../../../shared/room-names.ts';
import { toLiveView, type LiveView } from '../room/live-view.ts';
import { viewOf, type MediaRoomView } from '../media/use-media-link.ts';

export interface RecorderRoom {
  status: ConnectionStatus;
  live: LiveView | undefined;
  media: MediaRoomView | undefined;
}

/**
 * The recorder page's hidden, read-only seat in the event's live room (ROOM-13): it
 * enters with the recording's recorder ticket, which the room admits without a roster
 * entry or a count, and only listens: the state it gets is what every attendee's stage
 * is drawn from. It sends nothing (the room would refuse it), and gets back in by itself
 * after a drop or a server restart like everyone else.
 */
export function useRecorderRoom(eventId: number, ticket: string | null): RecorderRoom {
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [live, setLive] = useState<LiveView>();
  const [media, setMedia] = useState<MediaRoomView>();

  useEffect(() => {
    if (!ticket || !Number.isInteger(eventId)) return;
    let parsed: Parameters<typeof toLiveView>[1];
    const connection = new RoomConnection(window.location.origin, { ticket, room: { name: LIVE_ROOM_NAME, eventId } });
    const offStatus = connection.onStatus(setStatus);
    const offState = connection.onState((state: LiveRoomState) => {
      if (!state.speakers) return;
      parsed = toLiveView(state, parsed);
      setLive(parsed.view);
      const next = viewOf(state);
      const key = next && JSON.stringify({ ...next, speakers: [...next.speakers] });
      setMedia((current) => (current && key === JSON.stringify({ ...current, speakers: [...current.speakers] }) ? current : next));
    });
    connection.connect().catch(() => setStatus('failed'));
    return () => {
      offStatus();
      offState();
      void connection.leave();
    };
  }, [eventId, ticket]);

  return { status, live, media };
}
