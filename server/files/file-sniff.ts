import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import type { FileKind } from '../../shared/file-schemas.ts';

/**
 * Decides what an uploaded file is from its bytes (POST-3), never from its name: the
 * name only has to agree. The result says how it will be converted, or why it cannot be.
 */
export type Sniffed =
  | { ok: true; kind: FileKind; mime: string; /** The extension the converters give the tool. */ ext: string }
  | { ok: false; message: string };

const VIDEO_EXT = ['avi', 'mov', 'wmv', 'mpg', 'mpeg', 'mp4', 'm4v', 'mkv', 'ogv', 'webm', '3gp', 'flv', 'ts', 'asf', 'ogg'];
const AUDIO_EXT = ['mp3', 'wav', 'wma', 'm4a', 'aac', 'oga', 'ogg', 'flac', 'opus'];
const AV_EXT = [...new Set([...VIDEO_EXT, ...AUDIO_EXT])];
const OFFICE_CFB_EXT = ['doc', 'ppt', 'xls', 'pps', 'pot', 'dot', 'xlt'];
const APPLE_EXT = ['key', 'pages', 'numbers'];

/** What the sniffed type is called in messages, and which name extensions agree with it. */
const KNOWN: Record<string, { kind: FileKind | 'av'; label: string; exts: string[] }> = {
  'application/pdf': { kind: 'pdf', label: 'a PDF', exts: ['pdf'] },
  'image/png': { kind: 'image', label: 'a PNG image', exts: ['png'] },
  'image/jpeg': { kind: 'image', label: 'a JPEG image', exts: ['jpg', 'jpeg'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', label: 'a Word document', exts: ['docx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', label: 'a PowerPoint presentation', exts: ['pptx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'document', label: 'an Excel workbook', exts: ['xlsx'] },
  'application/vnd.oasis.opendocument.text': { kind: 'document', label: 'an OpenDocument text', exts: ['odt'] },
  'application/vnd.oasis.opendocument.presentation': { kind: 'document', label: 'an OpenDocument presentation', exts: ['odp'] },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'document', label: 'an OpenDocument spreadsheet', exts: ['ods'] },
  'application/x-cfb': { kind: 'document', label: 'an old Office document', exts: OFFICE_CFB_EXT },
  'audio/mpeg': { kind: 'audio', label: 'MP3 audio', exts: ['mp3'] },
  'audio/wav': { kind: 'audio', label: 'WAV audio', exts: ['wav'] },
  'audio/x-wav': { kind: 'audio', label: 'WAV audio', exts: ['wav'] },
  'audio/vnd.wave': { kind: 'audio', label: 'WAV audio', exts: ['wav'] },
  'audio/x-m4a': { kind: 'audio', label: 'M4A audio', exts: ['m4a', 'mp4', 'aac'] },
  'audio/aac': { kind: 'audio', label: 'AAC audio', exts: ['aac', 'm4a'] },
  'audio/x-flac': { kind: 'audio', label: 'FLAC audio', exts: ['flac'] },
  'audio/flac': { kind: 'audio', label: 'FLAC audio', exts: ['flac'] },
};
/** Containers that may hold video or only audio: ffprobe decides later. */
const AV_MIME = /^(video\/|audio\/ogg|audio\/opus|application\/vnd\.ms-asf|audio\/x-ms-asf|application\/ogg)/;

/** The extension of a name, when it looks like one ("deck.PPTX" → "pptx"; "v1.2" → none). */
export function extensionOf(name: string): string | undefined {
  const match = /\.([A-Za-z][A-Za-z0-9]{0,7})$/.exec(name);
  return match?.[1]?.toLowerCase();
}

export async function sniffFile(path: string, name: string): Promise<Sniffed> {
  const ext = extensionOf(name);
  const quoted = `"${name}"`;
  if (ext && APPLE_EXT.includes(ext)) {
    return { ok: false, message: `${quoted} is a Keynote, Pages or Numbers file, which cannot be converted here: export it to PDF first (File → Export To → PDF) and upload the PDF.` };
  }
  if (ext === 'svg' || ext === 'svgz') {
    return { ok: false, message: `${quoted}: SVG images are not accepted, because they can carry scripts. Upload a PNG or JPG instead.` };
  }
  const type = await fileTypeFromFile(path).catch(() => undefined);
  if (!type) {
    if (await looksLikeText(path)) {
      if (ext === undefined || ext === 'txt') return { ok: true, kind: 'document', mime: 'text/plain', ext: 'txt' };
      return { ok: false, message: `${quoted} is named .${ext} but its content is plain text. Rename it to .txt if it is a text to show.` };
    }
    return { ok: false, message: `${quoted} is not a type we can convert. Upload video, audio, PDF, office documents, PNG or JPG.` };
  }
  const known = KNOWN[type.mime];
  if (known && known.kind !== 'av') {
    if (ext && !known.exts.includes(ext)) return mismatch(quoted, ext, known.label);
    const toolExt = type.mime === 'application/x-cfb' ? (ext ?? 'doc') : known.exts[0]!;
    return { ok: true, kind: known.kind, mime: type.mime, ext: toolExt };
  }
  if (AV_MIME.test(type.mime) || type.mime === 'audio/x-ms-wma') {
    if (ext && !AV_EXT.includes(ext)) return mismatch(quoted, ext, `a video or audio file (${type.ext})`);
    return { ok: true, kind: ext && AUDIO_EXT.includes(ext) && !VIDEO_EXT.includes(ext) ? 'audio' : 'video', mime: type.mime, ext: type.ext };
  }
  if (type.mime === 'image/svg+xml') return { ok: false, message: `${quoted}: SVG images are not accepted, because they can carry scripts. Upload a PNG or JPG instead.` };
  if (type.mime.startsWith('image/')) return { ok: false, message: `${quoted} is a ${type.ext.toUpperCase()} image; only PNG and JPG images are accepted.` };
  if (type.mime === 'application/zip' && ext && APPLE_EXT.includes(ext)) return { ok: false, message: `${quoted}: export it to PDF first.` };
  return { ok: false, message: `${quoted} is a ${type.ext.toUpperCase()} file, which is not a type we can convert. Upload video, audio, PDF, office documents, PNG or JPG.` };
}

function mismatch(quoted: string, ext: string, label: string): Sniffed {
  return { ok: false, message: `${quoted} is named .${ext} but its content is ${label}. Give it the right extension or upload the file you meant.` };
}

/** UTF-8 without NUL bytes in the first 64 KB: a text file LibreOffice can lay out. */
async function looksLikeText(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead === 0) return false;
    const head = buffer.subarray(0, bytesRead);
    if (head.includes(0)) return false;
    // A multi-byte character cut at the 64 KB edge is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytesRead === buffer.length ? head.subarray(0, bytesRead - 4) : head);
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}
