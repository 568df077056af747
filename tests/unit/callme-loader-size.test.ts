import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUTTON } from '../../shared/callme-schemas.ts';
import { loaderFor } from '../../server/callme/loader-bundle.ts';

describe('the embed loader', () => {
  it('stays within 10 KB gzipped with the settings inlined', () => {
    const code = loaderFor({ packageId: 'p'.repeat(32), button: { ...DEFAULT_BUTTON, label: 'x'.repeat(40) }, websites: Array.from({ length: 20 }, (_, i) => `https://shop-${i}.example.com`) });
    const gzipped = gzipSync(code, { level: 9 }).byteLength;
    expect(gzipped).toBeLessThanOrEqual(10 * 1024);
    expect(code).not.toContain('__CALLME_SETTINGS__');
  });
  it('keeps a label from closing a script element', () => {
    expect(loaderFor({ packageId: 'p', button: { ...DEFAULT_BUTTON, label: '</script>' } })).not.toContain('</script>');
  });
  it('inlines a label with "$" patterns as it is, and the loader still parses', () => {
    for (const label of ["Call $' us", 'Call $& us', 'Call $` us', 'Price $$ 5']) {
      const code = loaderFor({ packageId: 'p', button: { ...DEFAULT_BUTTON, label }, websites: [] });
      expect(() => new Function(code)).not.toThrow();
      expect(code).toContain(JSON.stringify(label));
    }
  });
});
