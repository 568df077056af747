/**
 * A video by link (ROOM-12): a direct MP4/WebM URL, a YouTube or a Vimeo page. The
 * server decides the kind once, when a presenter plays it; the browser then picks the
 * matching player (an HTML video element, or the site's iframe API by video id).
 */
export type VideoLink =
  | { kind: 'url'; ref: string }
  | { kind: 'youtube'; ref: string }
  | { kind: 'vimeo'; ref: string };

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;

/** The kind of a link and the reference its player needs, or null for an address that is no video we can play. */
export function parseVideoLink(raw: string): VideoLink | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, '');
  if (host === 'youtu.be') return youtube(url.pathname.slice(1).split('/')[0]);
  if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    if (url.pathname === '/watch') return youtube(url.searchParams.get('v'));
    const [, first, id] = url.pathname.split('/');
    if (first === 'embed' || first === 'shorts' || first === 'live' || first === 'v') return youtube(id);
    return null;
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = url.pathname.split('/').filter(Boolean).find((part) => VIMEO_ID.test(part));
    return id ? { kind: 'vimeo', ref: id } : null;
  }
  // Anything else is taken as a direct file; the browser's player says whether it can play it.
  return { kind: 'url', ref: url.toString() };
}

function youtube(id: string | null | undefined): VideoLink | null {
  return id && YOUTUBE_ID.test(id) ? { kind: 'youtube', ref: id } : null;
}
