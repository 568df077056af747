import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { CreateUploadBody, FileIdParam, FileListOut, FileOut, RenameFileBody, UploadIdParam, UploadOut, UploadQuery, type PageError } from '../../shared/file-schemas.ts';
import type { PlanId } from '../../shared/plans.ts';
import { limitsSubject } from '../billing/account-limits.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import { downloadAsset, mediaAsset, pageAsset, placeholderSvg, thumbnailAsset, type Asset } from '../files/file-assets.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { fileOut, type FilesService } from '../files/files-service.ts';
import type { FileRow, FilesStore } from '../files/files-store.ts';
import type { MediaLinks } from '../files/media-links.ts';
import type { ResumableUploads } from '../files/resumable-uploads.ts';
import { fileResponse } from '../files/range-response.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Files'];
const PageParam = v.object({
  fileId: FileIdParam.entries.fileId,
  page: v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The page is a number from 1.'), v.transform(Number)),
});
const LinkParam = v.object({
  fileId: FileIdParam.entries.fileId,
  expires: v.pipe(v.string(), v.regex(/^\d{10,16}$/, 'Not a link.'), v.transform(Number)),
  sig: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'Not a link.')),
});
const LinkOut = v.object({ base: v.string(), expiresAt: v.number() });
const binary = (description: string, type = 'application/octet-stream') => ({ description, content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } });

export interface FileRoutesDeps {
  files: FilesService;
  uploads: ResumableUploads;
  store: FilesStore;
  storage: FileStorage;
  accounts: AccountsService;
  links: MediaLinks;
  /** Read for the account's add-ons (extra storage), through billing's `limitsSubject`. */
  db: Pick<Db, 'select'>;
}

/** Served pictures and media are never run as a page, whatever they contain. */
const SAFE = { 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" };

/**
 * The file library over REST (POST-3): upload (the raw bytes as the body, the name in
 * the query), list with the storage figures, rename, delete, download, thumbnails and
 * pages; and `/media/…`, the short-lived signed links a room gives its participants
 * (ROOM-12), with byte ranges for video.
 */
export function fileRoutes(deps: FileRoutesDeps) {
  const { files, storage, accounts } = deps;
  const planOf = (accountId: string) => limitsSubject(deps.db, accountId, accounts.getAccount(accountId).plan as PlanId);
  const serve = (c: Context, asset: Asset | undefined, extra: Record<string, string> = {}) => {
    if (!asset) throw notFound('Picture or media');
    return fileResponse(asset.path, c.req.raw, { 'content-type': asset.type, 'cache-control': 'private, max-age=3600', ...SAFE, ...extra });
  };
  const page = (c: Context, row: FileRow, folder: 'pages' | 'thumbs', n: number) => {
    const asset = pageAsset(storage, row, folder, n);
    const failed = (row.pageErrors ? (JSON.parse(row.pageErrors) as PageError[]) : []).find((e) => e.page === n);
    if (!asset && failed) return c.body(placeholderSvg(n, failed.message), 200, { 'content-type': 'image/svg+xml; charset=utf-8', ...SAFE });
    return serve(c, asset);
  };

  const media = new Hono<AppEnv>()
    .get('/:fileId/:expires/:sig/media',
      describeRoute({ tags, summary: 'A file\'s video or sound through a signed link (byte ranges: 206)', security: [], responses: { 200: binary('The media', 'video/mp4'), 206: binary('Part of it', 'video/mp4'), 403: problem('The link is forged or expired'), 416: { description: 'The range is outside the file' } } }),
      valid('param', LinkParam),
      (c) => {
        const row = signedRow(c.req.valid('param'));
        return serve(c, mediaAsset(storage, row));
      })
    .get('/:fileId/:expires/:sig/:folder{pages|thumbs}/:page',
      describeRoute({ tags, summary: 'A page (or its thumbnail) through a signed link', security: [], responses: { 200: binary('The page', 'image/jpeg'), 403: problem('The link is forged or expired'), 404: problem('No such page') } }),
      (c) => {
        const p = v.parse(LinkParam, { fileId: c.req.param('fileId'), expires: c.req.param('expires'), sig: c.req.param('sig') });
        const n = Number(/^\d{1,3}$/.test(c.req.param('page')) ? c.req.param('page') : NaN);
        if (!Number.isInteger(n)) throw notFound('Page');
        return page(c, signedRow(p), c.req.param('folder') as 'pages' | 'thumbs', n);
      });

  function signedRow(p: { fileId: string; expires: number; sig: string }): FileRow {
    const verdict = deps.links.verify(p.fileId, p.expires, p.sig);
    if (verdict !== 'ok') throw new AppError(`link-${verdict}`, 403, verdict === 'expired' ? 'This link has expired; the room gives a fresh one.' : 'This link is not valid.');
    const row = deps.store.get(p.fileId);
    if (!row) throw notFound('File');
    return row;
  }

  const library = new Hono<AppEnv>()
    .use('*', signedIn)
    .get('/',
      describeRoute({ tags, summary: 'List the account\'s files and its storage', responses: { 200: jsonContent(FileListOut, 'Files, newest first, and storage used of the quota'), 401: problem('Not logged in') } }),
      (c) => {
        const { accountId } = requireCaller(c);
        return c.json({ files: files.list(accountId).filter((r) => r.status !== 'uploading').map(fileOut), storage: files.storageOf(accountId, planOf(accountId)) });
      })
    .post('/',
      describeRoute({
        tags,
        summary: 'Upload a file (the raw bytes as the body; at most 500 MB; its type is read from the content)',
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          201: jsonContent(FileOut, 'Uploaded and queued for conversion'),
          400: problem('Bad name, or the upload was cut off'),
          409: problem('The storage is full'),
          411: problem('No Content-Length'),
          413: problem('Larger than 500 MB'),
          415: problem('Not a type that can be converted, or the content does not match the name'),
        },
      }),
      valid('query', UploadQuery),
      async (c) => {
        const { accountId } = requireCaller(c);
        const length = c.req.header('content-length');
        const row = await files.upload({
          accountId,
          plan: planOf(accountId),
          name: c.req.valid('query').name,
          declaredBytes: length && /^\d+$/.test(length) ? Number(length) : undefined,
          body: c.req.raw.body,
        });
        return c.json(fileOut(row), 201);
      })
    // Resumable uploads, before the /:fileId routes (an upload id could look like a file id).
    .post('/uploads',
      describeRoute({
        tags,
        summary: 'Start a resumable upload: the name and the whole size (reserved against the quota at once)',
        responses: { 201: jsonContent(UploadOut, 'Send the bytes with PUT /files/uploads/{uploadId} from `offset` on'), 400: problem('Bad name or size'), 409: problem('The storage is full'), 413: problem('Larger than 500 MB') },
      }),
      valid('json', CreateUploadBody),
      async (c) => {
        const { accountId } = requireCaller(c);
        const body = c.req.valid('json');
        const created = await deps.uploads.create({ accountId, plan: planOf(accountId), name: body.name, sizeBytes: body.sizeBytes });
        return c.json(created, 201, { location: `/api/v1/files/uploads/${created.id}` });
      })
    .get('/uploads/:uploadId',
      describeRoute({ tags, summary: 'Where a resumable upload is: the offset to send from after a cut', responses: { 200: jsonContent(UploadOut, 'The upload'), 404: problem('No such upload (finished, abandoned or expired)') } }),
      valid('param', UploadIdParam),
      async (c) => c.json(await deps.uploads.status(requireCaller(c).accountId, c.req.valid('param').uploadId)))
    .put('/uploads/:uploadId',
      describeRoute({
        tags,
        summary: 'Send a piece of a resumable upload (raw bytes, Content-Range: bytes <first>-<last>/<size>, starting at the offset)',
        requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          200: jsonContent(UploadOut, 'Received; `offset` is where the next piece starts'),
          400: problem('Bad or missing Content-Range, a length that does not match it, or the piece was cut off'),
          404: problem('No such upload'),
          409: problem('The piece does not start at the offset, or another piece is being received'),
          411: problem('No Content-Length'),
        },
      }),
      valid('param', UploadIdParam),
      async (c) => c.json(await deps.uploads.append(requireCaller(c).accountId, c.req.valid('param').uploadId, {
        contentRange: c.req.header('content-range'),
        contentLength: c.req.header('content-length'),
        body: c.req.raw.body,
      })))
    .post('/uploads/:uploadId/finish',
      describeRoute({
        tags,
        summary: 'Finish a resumable upload: its type is read from the content and it is queued for conversion',
        responses: { 200: jsonContent(FileOut, 'Already finished'), 201: jsonContent(FileOut, 'Uploaded and queued for conversion'), 404: problem('No such upload'), 409: problem('Not all bytes are in yet'), 415: problem('Not a type that can be converted, or the content does not match the name') },
      }),
      valid('param', UploadIdParam),
      async (c) => {
        const { row, created } = await deps.uploads.finish(requireCaller(c).accountId, c.req.valid('param').uploadId);
        return c.json(fileOut(row), created ? 201 : 200);
      })
    .delete('/uploads/:uploadId',
      describeRoute({ tags, summary: 'Abandon a resumable upload: its bytes and its reserved quota go at once', responses: { 204: noContent('Abandoned'), 404: problem('No such upload') } }),
      valid('param', UploadIdParam),
      async (c) => {
        await deps.uploads.abandon(requireCaller(c).accountId, c.req.valid('param').uploadId);
        return c.body(null, 204);
      })
    .get('/:fileId',
      describeRoute({ tags, summary: 'One file with its conversion state', responses: { 200: jsonContent(FileOut, 'The file'), 404: problem('No such file in this account') } }),
      valid('param', FileIdParam),
      (c) => c.json(fileOut(files.get(requireCaller(c).accountId, c.req.valid('param').fileId))))
    .patch('/:fileId',
      describeRoute({ tags, summary: 'Rename a file', responses: { 200: jsonContent(FileOut, 'Renamed'), 400: problem('Bad name'), 404: problem('No such file') } }),
      valid('param', FileIdParam),
      valid('json', RenameFileBody),
      (c) => c.json(fileOut(files.rename(requireCaller(c).accountId, c.req.valid('param').fileId, c.req.valid('json').name))))
    .delete('/:fileId',
      describeRoute({ tags, summary: 'Delete a file and everything made from it', responses: { 204: noContent('Deleted'), 404: problem('No such file'), 409: problem('An automated or on-demand timeline plays the file (`file-in-timeline`, naming the events): take it off first') } }),
      valid('param', FileIdParam),
      (c) => {
        files.delete(requireCaller(c).accountId, c.req.valid('param').fileId);
        return c.body(null, 204);
      })
    .get('/:fileId/download',
      describeRoute({ tags, summary: 'Download the file (images as cleaned on upload)', responses: { 200: binary('The file'), 404: problem('No such file') } }),
      valid('param', FileIdParam),
      (c) => {
        const row = files.get(requireCaller(c).accountId, c.req.valid('param').fileId);
        const asset = downloadAsset(storage, row);
        const ascii = row.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
        return fileResponse(asset.path, c.req.raw, { 'content-type': asset.type, ...SAFE, 'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}` });
      })
    .get('/:fileId/thumbnail',
      describeRoute({ tags, summary: 'The file\'s thumbnail (first page or poster frame)', responses: { 200: binary('JPEG', 'image/jpeg'), 404: problem('No thumbnail (yet)') } }),
      valid('param', FileIdParam),
      (c) => serve(c, thumbnailAsset(storage, files.get(requireCaller(c).accountId, c.req.valid('param').fileId))))
    .get('/:fileId/pages/:page',
      describeRoute({ tags, summary: 'One page of a presentation as a picture', responses: { 200: binary('JPEG or PNG', 'image/jpeg'), 404: problem('No such page') } }),
      valid('param', PageParam),
      (c) => {
        const p = c.req.valid('param');
        return page(c, files.get(requireCaller(c).accountId, p.fileId), 'pages', p.page);
      })
    .get('/:fileId/link',
      describeRoute({ tags, summary: 'A short-lived signed link to the file\'s media and pages (for players)', responses: { 200: jsonContent(LinkOut, 'Append /media, /pages/<n> or /thumbs/<n> to base (under /api/v1)'), 404: problem('No such file') } }),
      valid('param', FileIdParam),
      (c) => {
        const row = files.get(requireCaller(c).accountId, c.req.valid('param').fileId);
        return c.json(deps.links.sign(row.id, row.durationMs ?? 0));
      });

  return { library, media };
}
