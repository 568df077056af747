// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOut } from '../../shared/file-schemas.ts';
import { signUp, startBrowserHarness, WAIT, type BrowserHarness } from '../support/browser.ts';

/**
 * The file library's uploader in Chromium (POST-3): a 9 MB file goes up in pieces with a
 * progress bar; the network fails on the second piece; the uploader says it is resuming,
 * asks the server where it is and sends the rest from that byte; the library then lists
 * the file, and its bytes are exactly the ones chosen.
 */

let harness: BrowserHarness;
let dir: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  dir = mkdtempSync(join(tmpdir(), 'e2e-upload-'));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('resumable uploads in Chromium', () => {
  it('a network error on the second piece: the uploader resumes from the server\'s offset and the file arrives whole', async () => {
    const page = await harness.newPage();
    await signUp(page, harness.server.url, 'Rita Resume', 'rita@example.com');
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(9 * 1024 * 1024)]);
    const path = join(dir, 'Annual Report.pdf');
    writeFileSync(path, bytes);

    // The network fails once, on the piece that starts at 8 MB; every other request goes through.
    const ranges: string[] = [];
    let failed = false;
    await page.route('**/api/v1/files/uploads/*', async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.continue();
      const range = request.headers()['content-range'] ?? '';
      ranges.push(range);
      if (!failed && range.startsWith('bytes 8388608-')) {
        failed = true;
        return route.abort('connectionreset');
      }
      return route.continue();
    });

    await page.goto(`${harness.server.url}/dashboard/files`);
    await page.getByTestId('files-empty').waitFor(WAIT);
    await page.getByTestId('files-upload-input').setInputFiles(path);
    await page.getByTestId('files-upload-row').getByRole('progressbar').waitFor(WAIT);
    const row = page.getByTestId('file-row').filter({ hasText: 'Annual Report.pdf' });
    await row.waitFor({ timeout: 90_000 });

    const total = bytes.length;
    expect(ranges).toEqual([`bytes 0-8388607/${total}`, `bytes 8388608-${total - 1}/${total}`, `bytes 8388608-${total - 1}/${total}`]);
    const files = (await (await page.request.get(`${harness.server.url}/api/v1/files`)).json()) as { files: FileOut[] };
    const file = files.files.find((f) => f.name === 'Annual Report.pdf')!;
    expect(file.sizeBytes).toBe(total);
    const download = await page.request.get(`${harness.server.url}/api/v1/files/${file.id}/download`);
    expect(createHash('sha256').update(await download.body()).digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await page.getByTestId('files-upload-row').count()).toBe(0);
  });
});
