import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { eventImages } from '../db/schema-scheduling.ts';
import type { BrandingOut } from '../../shared/registration-schemas.ts';
import type { AppearanceBody } from '../../shared/appearance-schemas.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import { sha256 } from '../domain/secrets.ts';
import type { SchedulingStore } from './scheduling-store.ts';

export type ImageKind = 'logo' | 'background';
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Image types by their first bytes, not by what the uploader claims. SVG is refused: it can carry script. */
export function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (/^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return undefined;
}

/**
 * An event's look (EV-8): colours, logo and background image, used by the registration,
 * join, waiting and thank-you pages. Images are small and live in the database, so a
 * self-hosted server needs no file store for them.
 */
export class AppearanceService {
  constructor(private readonly db: Db, private readonly events: EventsService, private readonly store: SchedulingStore, private readonly now: () => Date = () => new Date()) {}

  branding(eventId: string, publicId: number): BrandingOut {
    const s = this.store.settings(eventId);
    const images = this.db.select({ kind: eventImages.kind, hash: eventImages.hash }).from(eventImages).where(eq(eventImages.eventId, eventId)).all();
    const url = (kind: ImageKind) => {
      const image = images.find((i) => i.kind === kind);
      // The hash in the URL lets browsers cache an image for good: a new upload is a new URL.
      return image ? `/api/v1/events/${publicId}/appearance/${kind}?v=${image.hash}` : null;
    };
    return { primaryColor: s.primaryColor, backgroundColor: s.backgroundColor, logoUrl: url('logo'), backgroundImageUrl: url('background') };
  }

  publicBranding(publicId: number): BrandingOut {
    const event = this.events.byPublicId(publicId);
    if (!event) throw notFound('Event');
    return this.branding(event.id, publicId);
  }

  save(caller: Caller, publicId: number, body: AppearanceBody): BrandingOut {
    const event = this.events.owned(caller, publicId);
    this.store.save(event.id, {
      ...(body.primaryColor !== undefined && { primaryColor: body.primaryColor }),
      ...(body.backgroundColor !== undefined && { backgroundColor: body.backgroundColor }),
    });
    return this.branding(event.id, publicId);
  }

  upload(caller: Caller, publicId: number, kind: ImageKind, bytes: Buffer): BrandingOut {
    const event = this.events.owned(caller, publicId);
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('image-too-large', 413, 'The image may be at most 2 MB.');
    const contentType = sniffImage(bytes);
    if (!contentType) throw new AppError('unsupported-image', 415, 'Upload a PNG, JPEG, WebP or GIF image.');
    const row = { eventId: event.id, kind, contentType, bytes, hash: sha256(bytes.toString('base64')).slice(0, 16), createdAt: this.now() };
    this.db.insert(eventImages).values(row).onConflictDoUpdate({ target: [eventImages.eventId, eventImages.kind], set: { contentType, bytes, hash: row.hash, createdAt: row.createdAt } }).run();
    return this.branding(event.id, publicId);
  }

  removeImage(caller: Caller, publicId: number, kind: ImageKind): void {
    const event = this.events.owned(caller, publicId);
    this.db.delete(eventImages).where(and(eq(eventImages.eventId, event.id), eq(eventImages.kind, kind))).run();
  }

  image(publicId: number, kind: ImageKind): { contentType: string; bytes: Buffer; hash: string } {
    const event = this.events.byPublicId(publicId);
    const row = event && this.db.select().from(eventImages).where(and(eq(eventImages.eventId, event.id), eq(eventImages.kind, kind))).get();
    if (!row) throw notFound('Image');
    return { contentType: row.contentType, bytes: row.bytes, hash: row.hash };
  }
}
