import { AudioPresets, Track, VideoPreset, type RoomOptions, type ScreenShareCaptureOptions, type TrackPublishOptions, type VideoCaptureOptions } from 'livekit-client';
import type { VideoQuality } from '../../../shared/media-schemas.ts';

/**
 * How cameras, microphones and screens are captured and sent, chosen for the bandwidth
 * budget of ROOM-17 (kbps, attendee/presenter): audio 256/512, audio+video 512/1024,
 * + screen share 1024/2048.
 *
 * An attendee watching one presenter receives one simulcast layer of the camera and the
 * voice. At the default (standard) quality the top layer is 640×360 at most 400 kbps and
 * the voice Opus "speech" (24 kbps, DTX; about 45 kbps on the wire with RED's
 * redundancy): at most about 470 kbps with RTP headers, under 512 (measured in
 * tests/e2e/media.e2e.test.ts, recorded in bench/RESULTS.md). A presenter sends that layer plus a 320×180 one at 150 kbps: about
 * 600 kbps, within 1024. Tiles smaller than the top layer receive the small one
 * (adaptive stream), and nobody watching means nothing sent (dynacast).
 *
 * A screen share is 1280×720 at 5 fps and 500 kbps: while it fills the main window the
 * camera tiles are small (180p), so an attendee gets about 700 kbps, within 1024.
 *
 * HD (ROOM-16, only where the plan allows it) sends 1280×720 on top, with the 360p layer
 * in between for those watching in a smaller window.
 */
const LOW_LAYER = new VideoPreset(320, 180, 150_000, 15);
const STANDARD_LAYER = new VideoPreset(640, 360, 400_000, 24);
const HD_LAYER = new VideoPreset(1280, 720, 1_200_000, 24);
const SCREEN = new VideoPreset(1280, 720, 500_000, 5);

export const CAMERA_PRESETS: Record<VideoQuality, { top: VideoPreset; layers: VideoPreset[] }> = {
  standard: { top: STANDARD_LAYER, layers: [LOW_LAYER] },
  hd: { top: HD_LAYER, layers: [LOW_LAYER, STANDARD_LAYER] },
};

export function cameraCapture(quality: VideoQuality, deviceId?: string): VideoCaptureOptions {
  return { resolution: CAMERA_PRESETS[quality].top.resolution, ...(deviceId && { deviceId }) };
}

export function cameraPublish(quality: VideoQuality): TrackPublishOptions {
  const preset = CAMERA_PRESETS[quality];
  return { source: Track.Source.Camera, simulcast: true, videoEncoding: preset.top.encoding, videoSimulcastLayers: preset.layers, videoCodec: 'vp8' };
}

export const SCREEN_CAPTURE: ScreenShareCaptureOptions = {
  audio: true,
  resolution: SCREEN.resolution,
  contentHint: 'detail',
  // Whole screen, a window or a browser tab (ROOM-11): the browser's own picker offers them all.
  selfBrowserSurface: 'exclude',
  surfaceSwitching: 'include',
};

// No `source` here: livekit-client applies these options to the screen's video AND its
// audio (a tab shared with sound), and a `source` would relabel the audio track as the
// screen, so attendees got the audio in the screen tile (a black picture) and "Stop
// sharing" needed two clicks, one per mislabelled track. The SDK sets each source itself.
export const SCREEN_PUBLISH: TrackPublishOptions = { screenShareEncoding: SCREEN.encoding, simulcast: false };

export function roomOptions(quality: VideoQuality): RoomOptions {
  return {
    adaptiveStream: true,
    dynacast: true,
    videoCaptureDefaults: cameraCapture(quality),
    audioCaptureDefaults: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    publishDefaults: {
      simulcast: true,
      videoEncoding: CAMERA_PRESETS[quality].top.encoding,
      videoSimulcastLayers: CAMERA_PRESETS[quality].layers,
      videoCodec: 'vp8',
      audioPreset: AudioPresets.speech,
      dtx: true,
      red: true,
      screenShareEncoding: SCREEN.encoding,
    },
  };
}
