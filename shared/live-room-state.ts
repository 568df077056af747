import { schema, t, type SchemaType } from '@colyseus/schema';

/**
 * The state a live room synchronises to every client, decoded by the browser from the
 * same definitions. It is kept small on purpose (big webinars): no attendee list, no
 * chat, no per-person data; those travel as messages. Declared with `schema()`, not
 * decorators: decorators stop syncing silently under esbuild/Vite class-field semantics.
 */

/** Host and presenters: few, and everyone sees who is presenting. */
export const Speaker = schema({
  id: t.string(),
  name: t.string(),
  role: t.string(),
  online: t.boolean(),
}, 'Speaker');
export type Speaker = SchemaType<typeof Speaker>;

/** The question a presenter put in the main window (ROOM-7). */
export const StageQuestion = schema({
  id: t.string(),
  authorName: t.string(),
  text: t.string(),
}, 'StageQuestion');

/** The call-to-action pop-up (ROOM-9); `endsAt` 0 means "until closed". */
export const CallToAction = schema({
  id: t.string(),
  message: t.string(),
  buttonLabel: t.string(),
  url: t.string(),
  endsAt: t.number(),
}, 'CallToAction');

/** Someone who publishes audio or video now, from LiveKit's webhooks. */
export const MediaPublisher = schema({
  id: t.string(),
  camera: t.boolean(),
  microphone: t.boolean(),
  screen: t.boolean(),
}, 'MediaPublisher');
export type MediaPublisher = SchemaType<typeof MediaPublisher>;

/** Audio and video in this room (LiveKit): whether they work, camera slots, who shares a screen. */
export const MediaState = schema({
  available: t.boolean().default(false),
  /** Camera slots (ROOM-5): the plan's limit and how many are taken. */
  maxCameras: t.number().default(0),
  camerasOn: t.number().default(0),
  /** ROOM-16: the plan allows HD cameras. */
  hdVideo: t.boolean().default(false),
  /** The participant whose screen share fills the main window (ROOM-11); '' when none. */
  screenSharer: t.string().default(''),
  /** Participants connected to audio and video. */
  connected: t.number().default(0),
  publishers: t.map(MediaPublisher),
}, 'MediaState');
export type MediaState = SchemaType<typeof MediaState>;

/** Slides on the stage (ROOM-12): the file, its page, and a short-lived signed link to its pictures. */
export const StagePresentation = schema({
  fileId: t.string(),
  title: t.string(),
  page: t.number(),
  pageCount: t.number(),
  /** The whiteboard page drawn over this slide page (see slideInkPage). */
  inkPage: t.string(),
  /** Under /api/v1: append /pages/<n>; the room signs a fresh one before it expires. */
  linkBase: t.string(),
}, 'StagePresentation');

export const LiveRoomState = schema({
  eventName: t.string().default(''),
  eventKind: t.string().default(''),
  startsAt: t.string().default(''),
  status: t.string().default(''),
  mode: t.string().default(''),
  /** MainView: what the presenters show in the main window (video, whiteboard, screen). */
  mainView: t.string().default('video'),
  chatEnabled: t.boolean().default(false),
  qaOpen: t.boolean().default(false),
  /** ROOM-10: attendees may draw on the whiteboard. */
  collaboration: t.boolean().default(false),
  /** False when no chat translator is configured: the UI says so instead of pretending. */
  translationAvailable: t.boolean().default(false),
  attendeesOnline: t.number().default(0),
  handsRaised: t.number().default(0),
  speakers: t.map(Speaker),
  stageQuestion: t.ref(StageQuestion).optional(),
  cta: t.ref(CallToAction).optional(),
  /** The running or last shown poll without the right answers, as JSON (a PublicPoll); '' when none. */
  poll: t.string().default(''),
  /** Its results as JSON (PollResults) while the presenter shows them to everyone; '' otherwise. */
  pollResults: t.string().default(''),
  media: t.ref(MediaState),
  /** ROOM-13: '' | 'recording' (the blinking REC light) | 'paused' (private mode is not recorded). */
  recording: t.string().default(''),
  /** ROOM-12: the presentation on the stage, if any. */
  presentation: t.ref(StagePresentation).optional(),
}, 'LiveRoomState');
export type LiveRoomState = SchemaType<typeof LiveRoomState>;

/** What people in the waiting room see (ROOM-2, EV-7): nothing of the room itself. */
export const WaitingRoomState = schema({
  eventName: t.string().default(''),
  startsAt: t.string().default(''),
  timeZone: t.string().default(''),
  agenda: t.string().default(''),
  message: t.string().default(''),
  status: t.string().default(''),
}, 'WaitingRoomState');
export type WaitingRoomState = SchemaType<typeof WaitingRoomState>;
