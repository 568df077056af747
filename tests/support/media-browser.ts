import type { BrowserContext, Page } from 'playwright-core';

/** Chromium for media tests: headless, with a fake camera and microphone that need no prompt. */
export const CHROMIUM = '/usr/bin/chromium';
export const MEDIA_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
];

/**
 * Keeps every RTCPeerConnection the page opens in `window.__peerConnections`, so a test
 * can read WebRTC statistics without the application exposing anything for it.
 */
export async function trackPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = all;
    const Tracked = function (this: unknown, ...args: ConstructorParameters<typeof RTCPeerConnection>) {
      const pc = new Original(...args);
      all.push(pc);
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Tracked.prototype = Original.prototype;
    Object.setPrototypeOf(Tracked, Original);
    window.RTCPeerConnection = Tracked;
  });
}

export interface InboundTotals {
  /** Payload and RTP header bytes received, audio and video together. */
  bytes: number;
  videoBytes: number;
  audioBytes: number;
  framesDecoded: number;
  /** Widths of the video being received (the simulcast layer chosen for this viewer). */
  frameWidths: number[];
  at: number;
}

/** Sums the page's inbound RTP statistics over all its peer connections. */
export async function inboundTotals(page: Page): Promise<InboundTotals> {
  return page.evaluate(async () => {
    const totals = { bytes: 0, videoBytes: 0, audioBytes: 0, framesDecoded: 0, frameWidths: [] as number[], at: performance.now() };
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: Record<string, any>) => {
        if (s.type !== 'inbound-rtp') return;
        const bytes = (s.bytesReceived ?? 0) + (s.headerBytesReceived ?? 0);
        totals.bytes += bytes;
        if (s.kind === 'video') {
          totals.videoBytes += bytes;
          totals.framesDecoded += s.framesDecoded ?? 0;
          if (s.frameWidth) totals.frameWidths.push(s.frameWidth);
        } else totals.audioBytes += bytes;
      });
    }
    return totals;
  });
}

/** The encodings (simulcast layers) the page sends its camera with: the caps a viewer's bitrate is bound by. */
export async function cameraEncodings(page: Page): Promise<{ rid?: string; maxBitrate?: number; maxFramerate?: number; scaleResolutionDownBy?: number; active?: boolean }[]> {
  return page.evaluate(() => {
    const encodings: RTCRtpEncodingParameters[] = [];
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind === 'video' && sender.track.contentHint !== 'detail') encodings.push(...sender.getParameters().encodings);
      }
    }
    return encodings.map((e) => ({ rid: e.rid, maxBitrate: e.maxBitrate, maxFramerate: e.maxFramerate, scaleResolutionDownBy: e.scaleResolutionDownBy, active: e.active }));
  });
}

/** Kilobits per second between two samples. */
export function kbps(from: InboundTotals, to: InboundTotals, field: 'bytes' | 'videoBytes' | 'audioBytes' = 'bytes'): number {
  return ((to[field] - from[field]) * 8) / (to.at - from.at);
}
