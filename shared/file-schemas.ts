import * as v from 'valibot';

/** The file library's REST shapes (POST-3), shared by the server, the dashboard and the OpenAPI document. */

/** A single file may have at most 500 MB (POST-3). */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
/** With at least this much free, one more file (up to MAX_FILE_BYTES) may go past the quota (POST-3). */
export const QUOTA_GRACE_BYTES = 1024 * 1024;
/** A presentation has at most this many pages (more is refused, not cut). */
export const MAX_PAGES = 200;
export const FILE_NAME_MAX = 200;

export const FILE_KINDS = ['pdf', 'document', 'video', 'audio', 'image'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_STATUSES = ['uploading', 'queued', 'converting', 'ready', 'failed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** Characters a name may not hold: control characters (NUL …) and path separators. */
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f/\\]/;

/** A file's display name: never part of a path on disk, but kept clean so it shows and downloads safely. */
export const FileName = v.pipe(
  v.string('Give the file a name.'),
  v.transform((s) => s.normalize('NFC').trim()),
  v.minLength(1, 'Give the file a name.'),
  v.maxLength(FILE_NAME_MAX, `A file name may have at most ${FILE_NAME_MAX} characters.`),
  v.check((s) => !FORBIDDEN_IN_NAME.test(s), 'A file name may not contain /, \\ or control characters.'),
  v.check((s) => s !== '.' && s !== '..' && !s.startsWith('.'), 'A file name may not start with a dot.'),
);

export const UploadQuery = v.object({ name: FileName });

/** Starts a resumable upload: the name and the whole size, reserved against the quota at once. */
export const CreateUploadBody = v.object({
  name: FileName,
  sizeBytes: v.pipe(v.number('Give the size in bytes.'), v.integer('Give the size in bytes.'), v.minValue(0, 'Give the size in bytes.')),
});
export const UploadIdParam = v.object({ uploadId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not an upload id.')) });

/** A resumable upload: send the bytes from `offset` on (PUT with Content-Range), then finish it. */
export const UploadOut = v.object({
  id: v.string(),
  name: v.string(),
  sizeBytes: v.number(),
  /** Bytes the server holds: the next PUT starts here. */
  offset: v.number(),
  /** ISO time after which an upload nobody sends to is dropped (each PUT moves it). */
  expiresAt: v.string(),
});
export type UploadOut = v.InferOutput<typeof UploadOut>;
export const RenameFileBody = v.object({ name: FileName });
export const FileIdParam = v.object({ fileId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a file id.')) });

export const PageError = v.object({ page: v.number(), message: v.string() });
export type PageError = v.InferOutput<typeof PageError>;

export const FileOut = v.object({
  id: v.string(),
  name: v.string(),
  kind: v.picklist([...FILE_KINDS, '']),
  mime: v.string(),
  sizeBytes: v.number(),
  status: v.picklist(FILE_STATUSES),
  /** 0–100 while converting. */
  progress: v.number(),
  /** What went wrong with the whole file, in words the user can act on. */
  error: v.nullable(v.string()),
  /** Pages that could not be drawn (they show a placeholder). */
  pageErrors: v.array(PageError),
  pages: v.nullable(v.number()),
  durationMs: v.nullable(v.number()),
  width: v.nullable(v.number()),
  height: v.nullable(v.number()),
  /** Relative to /api/v1; present once the file is ready and has a picture. */
  thumbnailUrl: v.nullable(v.string()),
  createdAt: v.string(),
});
export type FileOut = v.InferOutput<typeof FileOut>;

export const StorageOut = v.object({
  usedBytes: v.number(),
  quotaBytes: v.number(),
  /** False once less than 1 MB is free: no more uploads until something is deleted. */
  canUpload: v.boolean(),
});
export type StorageOut = v.InferOutput<typeof StorageOut>;

export const FileListOut = v.object({ files: v.array(FileOut), storage: StorageOut });
export type FileListOut = v.InferOutput<typeof FileListOut>;
