import { renderAsync } from '@resvg/resvg-js';

/** The tallest PNG the export makes; a long board is scaled down to fit. */
const MAX_PNG_HEIGHT = 9_000;

/**
 * Rasterises the export's SVG with resvg (Rust, shipped prebuilt inside its npm
 * packages). `renderAsync` runs on libuv's thread pool, so a big board does not stall
 * the live rooms and boards served by the same process.
 */
export async function svgToPng(svg: string, size: { width: number; height: number }): Promise<Uint8Array> {
  const scale = Math.min(1, MAX_PNG_HEIGHT / size.height);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round(size.width * scale) },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return image.asPng();
}
