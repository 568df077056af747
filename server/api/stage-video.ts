import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { PlaybackLoad, PlaybackSeek, StageVideoOut } from '../../shared/playback-messages.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { StageVideoService } from '../rooms/stage-video-service.ts';

const tags = ['Stage video'];
const params = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }];
const answer = (description: string) => ({
  200: jsonContent(StageVideoOut, description),
  403: problem('Refused: the event ended, or an automated webinar\'s timeline plays this video'),
  404: problem('No such event in this account'),
});

/**
 * The video on an event's stage (ROOM-12): play a library video or a link for everyone,
 * pause, play on, seek, stop. The room keeps everyone in sync from the anchor answered here.
 */
export function stageVideoRoutes(service: StageVideoService) {
  return new Hono<AppEnv>()
    .use('/:id/stage/*', signedIn)
    .get('/:id/stage/video',
      describeRoute({ tags, summary: 'What the stage video is doing: its anchor and the position now', parameters: params, responses: answer('The stage video') }),
      valid('param', EventIdParam),
      (c) => c.json(service.get(requireCaller(c), c.req.valid('param').id)))
    .post('/:id/stage/video',
      describeRoute({ tags, summary: 'Play a video of the library or a link (direct MP4, YouTube, Vimeo) on the stage', parameters: params, responses: { ...answer('Playing'), 400: problem('Invalid field'), 422: problem('Not a video of this library, not ready yet, or not a video link') } }),
      valid('param', EventIdParam),
      valid('json', PlaybackLoad),
      (c) => c.json(service.load(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))))
    .post('/:id/stage/video/play',
      describeRoute({ tags, summary: 'Play on from where the video was paused', parameters: params, responses: answer('Playing') }),
      valid('param', EventIdParam),
      (c) => c.json(service.command(requireCaller(c), c.req.valid('param').id, { type: 'play' })))
    .post('/:id/stage/video/pause',
      describeRoute({ tags, summary: 'Pause the stage video for everyone', parameters: params, responses: answer('Paused') }),
      valid('param', EventIdParam),
      (c) => c.json(service.command(requireCaller(c), c.req.valid('param').id, { type: 'pause' })))
    .post('/:id/stage/video/seek',
      describeRoute({ tags, summary: 'Move the stage video to a position (ms) for everyone', parameters: params, responses: { ...answer('Moved'), 400: problem('Invalid field') } }),
      valid('param', EventIdParam),
      valid('json', PlaybackSeek),
      (c) => c.json(service.command(requireCaller(c), c.req.valid('param').id, { type: 'seek', positionMs: c.req.valid('json').positionMs })))
    .delete('/:id/stage/video',
      describeRoute({ tags, summary: 'Take the video off the stage', parameters: params, responses: answer('Stopped') }),
      valid('param', EventIdParam),
      (c) => c.json(service.command(requireCaller(c), c.req.valid('param').id, { type: 'stop' })));
}
