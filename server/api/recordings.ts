import { existsSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import {
  RecordingIdParam, RecordingListOut, RecordingOut, RecordingSendOut, RecordingSendsOut, RecordingSettingsBody, RecordingSettingsOut, ShareIdParam, ShareOut, ShareTokenParam, TrimBody,
} from '../../shared/recording-schemas.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import { fileResponse } from '../files/range-response.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { RecordingLibrary } from '../recording/recording-library.ts';

const tags = ['Recordings'];
const binary = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } });
const SharedOut = v.object({ eventName: v.string(), durationMs: v.nullable(v.number()), startedAt: v.string(), videoUrl: v.string() });
const SAFE = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" };

/**
 * The recordings library over REST (POST-2): list with the plan's recording time, one
 * recording, its video (byte ranges: 206) and thumbnail, download (cut at the trim
 * points, without re-encoding), trim, delete, share links (unguessable, revocable) and
 * the autostart setting; `/shared-recordings/:token` plays a shared one without signing in.
 */
export function recordingRoutes(library: RecordingLibrary) {
  const video = (c: Context, path: string | undefined, extra: Record<string, string> = {}) => {
    if (!path || !existsSync(path)) throw notFound('Recording file');
    return fileResponse(path, c.req.raw, { 'content-type': 'video/mp4', 'cache-control': 'private, max-age=60', ...SAFE, ...extra });
  };

  const recordings = new Hono<AppEnv>()
    .use('*', signedIn)
    .get('/',
      describeRoute({ tags, summary: 'List the account\'s recordings and its recording time', responses: { 200: jsonContent(RecordingListOut, 'Recordings, newest first, and the plan\'s recording minutes used'), 401: problem('Not logged in') } }),
      (c) => c.json(library.list(requireCaller(c).accountId)))
    .get('/settings',
      describeRoute({ tags, summary: 'The account\'s recording settings', responses: { 200: jsonContent(RecordingSettingsOut, 'Settings') } }),
      (c) => c.json(library.settings(requireCaller(c).accountId)))
    .put('/settings',
      describeRoute({ tags, summary: 'Start recording automatically when an event starts, or not', responses: { 200: jsonContent(RecordingSettingsOut, 'Saved'), 400: problem('Invalid body') } }),
      valid('json', RecordingSettingsBody),
      (c) => c.json(library.saveSettings(requireCaller(c).accountId, c.req.valid('json').autostart)))
    .get('/:recordingId',
      describeRoute({ tags, summary: 'One recording', responses: { 200: jsonContent(RecordingOut, 'The recording'), 404: problem('No such recording in this account') } }),
      valid('param', RecordingIdParam),
      (c) => c.json(library.one(requireCaller(c).accountId, c.req.valid('param').recordingId)))
    .get('/:recordingId/video',
      describeRoute({ tags, summary: 'Play the recording (byte ranges: 206)', responses: { 200: binary('MP4', 'video/mp4'), 206: binary('Part of it', 'video/mp4'), 404: problem('No such recording, or not ready'), 416: { description: 'The range is outside the file' } } }),
      valid('param', RecordingIdParam),
      (c) => video(c, library.videoPath(requireCaller(c).accountId, c.req.valid('param').recordingId)))
    .get('/:recordingId/thumbnail',
      describeRoute({ tags, summary: 'The recording\'s thumbnail', responses: { 200: binary('JPEG', 'image/jpeg'), 404: problem('No thumbnail (yet)') } }),
      valid('param', RecordingIdParam),
      (c) => {
        const path = library.thumbPath(requireCaller(c).accountId, c.req.valid('param').recordingId);
        if (!path) throw notFound('Thumbnail');
        return fileResponse(path, c.req.raw, { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=60', ...SAFE });
      })
    .get('/:recordingId/download',
      describeRoute({ tags, summary: 'Download the MP4, cut at the trim points when there are any', responses: { 200: binary('MP4', 'video/mp4'), 404: problem('No such recording, or not ready') } }),
      valid('param', RecordingIdParam),
      async (c) => {
        const { path, name } = await library.download(requireCaller(c).accountId, c.req.valid('param').recordingId);
        return video(c, path, { 'content-disposition': `attachment; filename="${name}"` });
      })
    .put('/:recordingId/trim',
      describeRoute({ tags, summary: 'Set the in and out points (the cut is made without re-encoding, from the keyframe at or before the in point)', responses: { 200: jsonContent(RecordingOut, 'The recording with the points it got'), 400: problem('Points outside the recording'), 409: problem('Not ready') } }),
      valid('param', RecordingIdParam),
      valid('json', TrimBody),
      async (c) => c.json(await library.trim(requireCaller(c).accountId, c.req.valid('param').recordingId, c.req.valid('json'))))
    .delete('/:recordingId',
      describeRoute({ tags, summary: 'Delete a recording and its files', responses: { 204: noContent('Deleted'), 404: problem('No such recording'), 409: problem('Still recording') } }),
      valid('param', RecordingIdParam),
      (c) => {
        library.remove(requireCaller(c).accountId, c.req.valid('param').recordingId);
        return c.body(null, 204);
      })
    .post('/:recordingId/send',
      describeRoute({ tags, summary: '"Send": e-mail the recording\'s share link (the newest that works, or a new one) to the event\'s attendees; says whether the e-mail was queued or kept in the outbox (no transport set up)', responses: { 200: jsonContent(RecordingSendOut, 'Recipients and what happened to the e-mail'), 404: problem('No such recording in this account'), 409: problem('Not ready, or nobody to send it to') } }),
      valid('param', RecordingIdParam),
      (c) => c.json(library.send(requireCaller(c).accountId, c.req.valid('param').recordingId)))
    .get('/:recordingId/sends',
      describeRoute({ tags, summary: 'Where the recording\'s e-mails are now: queued, sent, failed or kept in the outbox', responses: { 200: jsonContent(RecordingSendsOut, 'Counts by status'), 404: problem('No such recording in this account') } }),
      valid('param', RecordingIdParam),
      (c) => c.json(library.sends(requireCaller(c).accountId, c.req.valid('param').recordingId)))
    .get('/:recordingId/shares',
      describeRoute({ tags, summary: 'The recording\'s share links that work', responses: { 200: jsonContent(v.array(ShareOut), 'Links') } }),
      valid('param', RecordingIdParam),
      (c) => c.json(library.shares(requireCaller(c).accountId, c.req.valid('param').recordingId)))
    .post('/:recordingId/shares',
      describeRoute({ tags, summary: 'Create an unguessable share link', responses: { 201: jsonContent(ShareOut, 'The link'), 409: problem('Not ready') } }),
      valid('param', RecordingIdParam),
      (c) => c.json(library.share(requireCaller(c).accountId, c.req.valid('param').recordingId), 201))
    .delete('/:recordingId/shares/:shareId',
      describeRoute({ tags, summary: 'Revoke a share link: it stops working at once', responses: { 204: noContent('Revoked'), 404: problem('No such link') } }),
      valid('param', ShareIdParam),
      (c) => {
        const p = c.req.valid('param');
        library.revoke(requireCaller(c).accountId, p.recordingId, p.shareId);
        return c.body(null, 204);
      });

  const shared = new Hono<AppEnv>()
    .get('/:token',
      describeRoute({ tags, summary: 'A shared recording (no sign-in: the link is the key)', security: [], responses: { 200: jsonContent(SharedOut, 'What the link shows'), 404: problem('No such link, or revoked') } }),
      valid('param', ShareTokenParam),
      (c) => c.json(library.sharedInfo(c.req.valid('param').token)))
    .get('/:token/video',
      describeRoute({ tags, summary: 'Play a shared recording (byte ranges: 206)', security: [], responses: { 200: binary('MP4', 'video/mp4'), 206: binary('Part of it', 'video/mp4'), 404: problem('No such link, or revoked') } }),
      valid('param', ShareTokenParam),
      (c) => video(c, library.sharedVideoPath(c.req.valid('param').token)));

  return new Hono<AppEnv>().route('/recordings', recordings).route('/shared-recordings', shared);
}

export const recordingNotReady = () => new AppError('recording-not-ready', 409, 'This recording is not ready yet.');
