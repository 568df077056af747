import { AudioCodec, EgressClient, EncodedFileOutput, EncodedFileType, EncodingOptions, VideoCodec } from 'livekit-server-sdk';
import type { MediaService } from '../../media/media-service.ts';
import type { EgressApi } from './egress-backend.ts';

/**
 * The Egress calls through livekit-server-sdk's EgressClient against the LiveKit in use.
 * RoomComposite with our recorder view as the custom base URL (Egress appends
 * `?url=…&token=…`; the view reads them from the query as well as the fragment),
 * 1280×720 at 15 fps with a keyframe every 2 s, to an MP4 at a path Egress and this
 * server share. Opus, not AAC: Debian's GStreamer has no `faac`, the element Egress
 * uses for AAC; the stop's remux keeps what Egress wrote.
 */
export function liveKitEgressApi(media: MediaService): EgressApi {
  const client = () => {
    const link = media.linkInfo;
    if (!link) throw new Error('audio and video (LiveKit) are not available');
    return new EgressClient(link.apiUrl, link.apiKey, link.apiSecret);
  };
  return {
    available: () => (media.linkInfo ? undefined : 'audio and video (LiveKit) are not available'),
    async startRoomComposite(roomName, filepath, customBaseUrl) {
      const info = await client().startRoomCompositeEgress(roomName, new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath }), {
        customBaseUrl,
        encodingOptions: new EncodingOptions({ width: 1280, height: 720, framerate: 15, keyFrameInterval: 2, videoCodec: VideoCodec.H264_MAIN, audioCodec: AudioCodec.OPUS }),
      });
      return { egressId: info.egressId };
    },
    async stop(egressId) {
      await client().stopEgress(egressId);
    },
    async list(roomName) {
      const list = await client().listEgress({ roomName });
      return list.map((e) => ({ egressId: e.egressId, status: e.status, roomName: e.roomName }));
    },
  };
}
