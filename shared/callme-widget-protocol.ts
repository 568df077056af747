import * as v from 'valibot';

/**
 * What the widget frame (our origin) and the loader (the host page) say to each other
 * over postMessage. Every message has a `type`; each side posts to one explicit origin
 * and accepts a message only from the expected origin and window, and only if it parses.
 */
export const FrameToLoader = v.variant('type', [
  v.object({ type: v.literal('callme:minimise') }),
  v.object({ type: v.literal('callme:restore') }),
  v.object({ type: v.literal('callme:close') }),
  v.object({ type: v.literal('callme:unread'), count: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)) }),
]);
export type FrameToLoader = v.InferOutput<typeof FrameToLoader>;

export const LoaderToFrame = v.variant('type', [
  /** The loader tells the frame when its button opened or minimised it. */
  v.object({ type: v.literal('callme:state'), state: v.picklist(['open', 'minimised']) }),
]);
export type LoaderToFrame = v.InferOutput<typeof LoaderToFrame>;
