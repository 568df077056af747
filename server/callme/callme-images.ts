import sharp, { type Metadata } from 'sharp';
import { AppError } from '../domain/app-error.ts';

/** Largest upload and largest decoded picture we accept: a tiny file can claim a huge canvas (pixel bomb). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const MAX_INPUT_PIXELS = 4096 * 4096;
const FORMATS = new Set(['png', 'jpeg', 'gif']);

/**
 * Checks that `bytes` really are a PNG, JPEG or GIF of sane dimensions, and scales it down
 * to fit `width`×`height` (never up), as PNG. The header is read before any decoding, so
 * a picture claiming 100,000×100,000 pixels is refused without allocating for it.
 */
export async function scaleImage(bytes: Uint8Array, width: number, height: number, field: string): Promise<{ data: Buffer; type: string }> {
  const refuse = (message: string) => new AppError('invalid-image', 400, message, [{ field, message }]);
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_IMAGE_BYTES) throw refuse('The picture must be a file of at most 2 MB.');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw refuse('This is not a PNG, JPG or GIF picture.');
  }
  if (!meta.format || !FORMATS.has(meta.format)) throw refuse('Use a PNG, JPG or GIF picture.');
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_INPUT_PIXELS) throw refuse('The picture is too large (at most 4096×4096 pixels).');
  try {
    const data = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).resize({ width, height, fit: 'inside', withoutEnlargement: true }).png().toBuffer();
    return { data, type: 'image/png' };
  } catch {
    throw refuse('The picture could not be read.');
  }
}
