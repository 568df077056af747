import * as v from 'valibot';

/**
 * What the widget frame (our origin) and the loader (the host page) say to each other
 * over postMessage. Every message has a `type`; each side posts to one explicit origin
 * and accepts a message only from the expected origin and window, and only if it parses.
 */
const VisitorToken = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,100}$/));

export const FrameToLoader = v.variant('type', [
  v.object({ type: v.literal('callme:minimise') }),
  v.object({ type: v.literal('callme:restore') }),
  v.object({ type: v.literal('callme:close') }),
  v.object({ type: v.literal('callme:unread'), count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)) }),
  /** The frame asks for the visitor token the loader keeps (a third-party frame's own storage may be blocked)… */
  v.object({ type: v.literal('callme:ready') }),
  /** …and hands over the token to keep for the next visit. */
  v.object({ type: v.literal('callme:token'), token: VisitorToken }),
]);
export type FrameToLoader = v.InferOutput<typeof FrameToLoader>;

export const LoaderToFrame = v.variant('type', [
  /** The loader tells the frame when its button opened or minimised it. */
  v.object({ type: v.literal('callme:state'), state: v.picklist(['open', 'minimised']) }),
  /** The token kept in the host site's storage, or null for a first visit. */
  v.object({ type: v.literal('callme:token'), token: v.nullable(VisitorToken) }),
]);
export type LoaderToFrame = v.InferOutput<typeof LoaderToFrame>;
