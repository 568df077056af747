import { hmac, safeEqual } from '../domain/secrets.ts';

/** How long a link to the stage's slides or video works (minutes, plus the video's own length). */
export const LINK_MINUTES = 15;

/**
 * Short-lived signed links to a file's pictures and media (ROOM-12): the room hands one
 * to each participant who needs it; it opens only that file and only until it expires,
 * and it cannot be turned into a link to another file.
 */
export class MediaLinks {
  constructor(private readonly secret: string, private readonly now: () => number = Date.now) {}

  /** The base path under /api/v1 (…/media, …/pages/3, …/thumbs/3 are appended). */
  sign(fileId: string, extraMs = 0): { base: string; expiresAt: number } {
    const expiresAt = Math.ceil((this.now() + LINK_MINUTES * 60_000 + extraMs) / 1000) * 1000;
    return { base: `/media/${fileId}/${expiresAt}/${this.signature(fileId, expiresAt)}`, expiresAt };
  }

  verify(fileId: string, expiresAt: number, signature: string): 'ok' | 'expired' | 'forged' {
    if (!safeEqual(signature, this.signature(fileId, expiresAt))) return 'forged';
    return expiresAt < this.now() ? 'expired' : 'ok';
  }

  private signature(fileId: string, expiresAt: number): string {
    return hmac(this.secret, `media:${fileId}:${expiresAt}`).slice(0, 32);
  }
}
