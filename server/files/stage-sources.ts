import { parseVideoLink } from '../../shared/video-links.ts';
import type { PlaybackSource } from '../../shared/playback-anchor.ts';
import type { PlaybackSourceInput } from '../../shared/playback-messages.ts';
import { AppError } from '../domain/app-error.ts';
import type { PlaybackSources, ResolvedSource } from '../rooms/playback-sources.ts';
import { mediaAsset } from './file-assets.ts';
import type { FileStorage } from './file-storage.ts';
import type { FilesStore } from './files-store.ts';
import type { MediaLinks } from './media-links.ts';

const refused = (code: string, message: string) => new AppError(code, 422, message);

/**
 * The file library's side of the stage video: a presenter's pick becomes a source the
 * players can load. A library video gets a short-lived signed link (HTTP ranges, 206)
 * that lasts the video's length plus the usual minutes and is renewed by the room; a
 * link is told apart as a direct file, YouTube or Vimeo.
 */
export function stageSources(store: FilesStore, storage: FileStorage, links: MediaLinks): PlaybackSources {
  const signed = (source: PlaybackSource): ResolvedSource => {
    const { base, expiresAt } = links.sign(source.ref, source.durationMs ?? 0);
    return { source: { ...source, url: `/api/v1${base}/media` }, linkExpiresAt: expiresAt };
  };
  return {
    resolve(accountId: string, input: PlaybackSourceInput): ResolvedSource {
      if (input.kind === 'url') {
        const link = parseVideoLink(input.url);
        if (!link) refusedLink();
        return { source: { kind: link!.kind, ref: link!.ref, url: link!.kind === 'url' ? link!.ref : '', title: titleOf(input.url), durationMs: null }, linkExpiresAt: null };
      }
      const row = store.owned(accountId, input.fileId);
      if (!row) throw refused('not-in-library', 'This file is not in your library.');
      if (row.kind !== 'video') throw refused('not-a-video', `"${row.name}" is not a video.`);
      if (row.status !== 'ready') throw refused('not-ready', `"${row.name}" is still being converted; try again when it is ready.`);
      if (!mediaAsset(storage, row)) throw refused('not-ready', `"${row.name}" has no playable video.`);
      return signed({ kind: 'file', ref: row.id, url: '', title: row.name, durationMs: row.durationMs ?? null });
    },
    renew(source: PlaybackSource): ResolvedSource {
      if (source.kind !== 'file') return { source, linkExpiresAt: null };
      if (!store.get(source.ref)) throw refused('not-in-library', 'The video was deleted from the library.');
      return signed(source);
    },
  };
}

function refusedLink(): never {
  throw refused('not-a-video-link', 'Give a direct link to a video file (https://…/video.mp4), a YouTube or a Vimeo address.');
}

function titleOf(url: string): string {
  try {
    const u = new URL(url);
    return (u.hostname + u.pathname).slice(0, 120);
  } catch {
    return url.slice(0, 120);
  }
}
