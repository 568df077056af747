import { Agent } from 'node:http';
import { Protocol } from '@colyseus/sdk';
import { decode, Decoder, encode, type Iterator } from '@colyseus/schema';
import { pack, unpack } from 'msgpackr';
import { LiveRoomState } from '../../shared/live-room-state.ts';
import { SERVER_MESSAGES } from '../../shared/room-messages.ts';
import { benchChatIn, postJson, restJoin, type Attendee, type AttendeeHooks } from './attendees.ts';
import { LightSocket } from './light-socket.ts';
import { clockMs } from './process-stats.ts';

/**
 * An attendee that speaks the room's wire protocol as `@colyseus/sdk` does (same REST
 * join, same matchmaking request, same WebSocket URL, JOIN_ROOM acknowledgement, state
 * decoded with the same `@colyseus/schema` Decoder, messages msgpack-encoded, the SDK's
 * reconnection with its token and back-off) but without the SDK's per-message
 * machinery, and reading the bench line of a chat frame straight from its bytes. The
 * server cannot tell it from the SDK; it costs the attendee processes about half the
 * CPU per received frame, which is what lets 5,000 of them share two cores with the
 * server under test.
 */
interface SeatReservation { roomId: string; processId: string; sessionId: string }

const matchmaking = new Agent({ keepAlive: true, maxSockets: 32 });
/** Close codes after which the SDK tries to get back in (abnormal closure, going away, no status, "may try reconnect"). */
const RECONNECTABLE = new Set([1001, 1005, 1006, 4010]);
const RECONNECT = { maxRetries: 15, delay: 100, minDelay: 100, maxDelay: 5000 } as const;

/** Where a join spends its time: REST join, matchmaking (seat reservation), WebSocket upgrade, until JOIN_ROOM. */
export type JoinPhase = 'rest' | 'matchmake' | 'upgrade' | 'admitted';

export async function joinLightRoom(baseUrl: string, eventId: number, index: number, hooks: AttendeeHooks, phase: (name: JoinPhase, ms: number) => void = () => undefined): Promise<Attendee> {
  let mark = clockMs();
  const lap = (name: JoinPhase) => {
    const now = clockMs();
    phase(name, now - mark);
    mark = now;
  };
  const join = await restJoin(baseUrl, eventId, index);
  lap('rest');
  const seat = await postJson<SeatReservation>(`${baseUrl}/matchmake/joinOrCreate/${join.room.name}`, { eventId: join.room.eventId, ticket: join.ticket }, { agent: matchmaking });
  lap('matchmake');
  const endpoint = `${baseUrl.replace(/^http/, 'ws')}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`;
  const state = new LiveRoomState();
  const decoder = new Decoder(state);
  let socket = new LightSocket();
  let reconnectionToken = '';
  let leaving = false;
  let onJoinRoom: (() => void) | undefined;
  let onRefused: ((error: Error) => void) | undefined;

  const attendee: Attendee = {
    index,
    kind: 'light',
    tracked: false,
    connected: false,
    respondentsSeen: 0,
    lastResults: '',
    send: (type, payload) => socket.send(roomData(type, payload)),
    drop: () => socket.destroy(),
    leave: async () => {
      leaving = true;
      attendee.connected = false;
      socket.send(Uint8Array.of(Protocol.LEAVE_ROOM));
    },
  };

  const onFrame = (frame: Buffer) => {
    const it: Iterator = { offset: 1 };
    switch (frame[0]) {
      case Protocol.JOIN_ROOM:
        reconnectionToken = decode.utf8Read(frame, it, frame[it.offset++]!);
        socket.send(Uint8Array.of(Protocol.JOIN_ROOM));
        attendee.connected = true;
        onJoinRoom?.();
        break;
      case Protocol.ERROR: {
        decode.number(frame, it);
        onRefused?.(new Error(decode.string(frame, it)));
        break;
      }
      case Protocol.ROOM_STATE:
        // A full state after a reconnection replaces what this client held, as in the SDK.
        if (decoder.root.refs.size > 1 && typeof decoder.decodeResync === 'function') decoder.decodeResync(frame, it);
        else decoder.decode(frame, it);
        hooks.state(attendee, state, clockMs());
        break;
      case Protocol.ROOM_STATE_PATCH:
        decoder.decode(frame, it);
        hooks.state(attendee, state, clockMs());
        break;
      case Protocol.ROOM_DATA: {
        const type = decode.stringCheck(frame, it) ? decode.string(frame, it) : decode.number(frame, it);
        if (type === SERVER_MESSAGES.chat) {
          const text = benchChatIn(frame);
          if (text) hooks.chat(attendee, text, clockMs());
        } else if (type === SERVER_MESSAGES.error) {
          hooks.error(attendee, (unpack(frame.subarray(it.offset)) as { code: string }).code);
        }
        break;
      }
      case Protocol.LEAVE_ROOM:
        socket.close();
        break;
    }
  };

  /** Connects and waits for JOIN_ROOM (or the room's refusal). */
  const enter = async (url: string, first = false) => {
    socket = new LightSocket();
    socket.onMessage = onFrame;
    const admitted = new Promise<void>((resolve, reject) => {
      onJoinRoom = resolve;
      onRefused = reject;
      socket.onClose = (code) => reject(new Error(`closed (${code}) before joining`));
    });
    await socket.connect(url);
    if (first) lap('upgrade');
    await admitted;
    if (first) lap('admitted');
    socket.onClose = onClose;
  };

  const onClose = (code: number) => {
    attendee.connected = false;
    if (leaving) return;
    if (!RECONNECTABLE.has(code)) return hooks.left(attendee, code);
    void reconnect();
  };

  const reconnect = async () => {
    for (let attempt = 1; attempt <= RECONNECT.maxRetries && !leaving; attempt++) {
      const delay = Math.min(RECONNECT.maxDelay, Math.max(RECONNECT.minDelay, 2 ** attempt * RECONNECT.delay));
      await new Promise((resolve) => setTimeout(resolve, delay));
      try {
        await enter(`${endpoint}&reconnectionToken=${reconnectionToken}&skipHandshake=1`);
        hooks.reconnected(attendee, clockMs());
        return;
      } catch {
        socket.destroy();
      }
    }
    hooks.left(attendee, 4001);
  };

  await enter(endpoint, true);
  return attendee;
}

/** A client message as the SDK frames it: ROOM_DATA, the type as a schema string, the payload in msgpack. */
function roomData(type: string, payload: unknown): Buffer {
  const header = Buffer.alloc(2 + 3 * type.length + 8);
  const it: Iterator = { offset: 1 };
  header[0] = Protocol.ROOM_DATA;
  encode.string(header, type, it);
  return Buffer.concat([header.subarray(0, it.offset), pack(payload)]);
}
