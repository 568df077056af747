import { schema, t, type SchemaType } from '@colyseus/schema';

/**
 * The state a live room synchronises to its clients, decoded by the browser from the
 * same definitions. Declared with `schema()`, not decorators: decorators stop syncing
 * silently under esbuild/Vite class-field semantics.
 */
export const Participant = schema({
  id: t.string(),
  name: t.string(),
  role: t.string(),
  online: t.boolean(),
}, 'Participant');
export type Participant = SchemaType<typeof Participant>;

export const LiveRoomState = schema({
  eventName: t.string(),
  /** ROOM-10: attendees may draw on the whiteboard. */
  collaboration: t.boolean(),
  participants: t.map(Participant),
}, 'LiveRoomState');
export type LiveRoomState = SchemaType<typeof LiveRoomState>;
