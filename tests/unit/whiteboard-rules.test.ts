import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canClearPage, canDraw } from '../../shared/whiteboard-policy.ts';
import { appendShape, clearPage, parseShapeData, readPage } from '../../shared/whiteboard-model.ts';
import { changesNothing, checkUpdate } from '../../server/whiteboard/update-guard.ts';
import { renderBoardSvg } from '../../server/whiteboard/board-svg.ts';

const pen = (id: string) => ({ id, k: 'pen' as const, c: '#1e1e1e', w: 3, p: [0, 0, 10, 10] });

function updatesOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

describe('whiteboard permissions', () => {
  it('presenters and the host always draw; attendees only with collaboration', () => {
    expect(canDraw('host', false)).toBe(true);
    expect(canDraw('presenter', false)).toBe(true);
    expect(canDraw('attendee', false)).toBe(false);
    expect(canDraw('attendee', true)).toBe(true);
    expect(canClearPage('presenter')).toBe(true);
    expect(canClearPage('attendee')).toBe(false);
  });
});

describe('the update guard', () => {
  it('accepts a client update that builds on the board and refuses one that does not', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const first = updatesOf(client, () => appendShape(client, 'main', pen('a')));
    expect(checkUpdate(server, first)).toBeUndefined();
    const second = updatesOf(client, () => appendShape(client, 'main', pen('b')));
    // The second stroke is placed after the first, which the server has not seen yet.
    expect(checkUpdate(server, second)).toMatch(/does not have/);
    Y.applyUpdate(server, first);
    expect(checkUpdate(server, second)).toBeUndefined();
  });

  it('refuses bytes that do not decode, unknown root types, sub-documents and deletions of unknown items', () => {
    const server = new Y.Doc();
    expect(checkUpdate(server, new Uint8Array([3, 200, 1, 2]))).toMatch(/decoded/);
    const client = new Y.Doc();
    expect(checkUpdate(server, updatesOf(client, () => client.getMap('other').set('x', 1)))).toMatch(/no part named/);
    const another = new Y.Doc();
    expect(checkUpdate(server, updatesOf(another, () => another.getArray('shapes:main').push([new Y.Doc()])))).toMatch(/Sub-documents/);
    const other = new Y.Doc();
    appendShape(other, 'main', pen('z'));
    const deletion = updatesOf(other, () => clearPage(other, 'main'));
    expect(checkUpdate(server, deletion)).toMatch(/does not have/);
  });

  it('sees that a read-only client echoing the board changes nothing', () => {
    const server = new Y.Doc();
    appendShape(server, 'main', pen('a'));
    clearPage(server, 'main');
    appendShape(server, 'main', pen('b'));
    const reader = new Y.Doc();
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
    expect(changesNothing(Y.snapshot(server), Y.encodeStateAsUpdate(reader, Y.encodeStateVector(server)))).toBe(true);
    appendShape(reader, 'main', pen('c'));
    expect(changesNothing(Y.snapshot(server), Y.encodeStateAsUpdate(reader, Y.encodeStateVector(server)))).toBe(false);
  });
});

describe('the board model', () => {
  it('drops values that are not well-formed shapes', () => {
    expect(parseShapeData(pen('a'))).toBeDefined();
    expect(parseShapeData({ ...pen('a'), c: 'red;background:url(x)' })).toBeUndefined();
    expect(parseShapeData({ ...pen('a'), k: 'script' })).toBeUndefined();
    expect(parseShapeData({ ...pen('a'), p: [1, 2, 3] })).toBeUndefined();
    expect(parseShapeData({ ...pen('a'), w: 1e9 })).toBeUndefined();
    expect(parseShapeData({ ...pen('a'), k: 'rect', p: [1, 2] })).toBeUndefined();
    const doc = new Y.Doc();
    doc.getArray('shapes:main').push(['not a shape', 42]);
    appendShape(doc, 'main', pen('ok'));
    expect(readPage(doc, 'main').map((s) => s.data.id)).toEqual(['ok']);
  });

  it('exports text as text, never as markup', () => {
    const doc = new Y.Doc();
    appendShape(doc, 'main', { id: 't', k: 'text', c: '#e03131', w: 24, p: [10, 10], t: '</text><script>alert(1)</script>' });
    appendShape(doc, 'main', { id: 'n', k: 'note', c: '#fff3bf', w: 1, p: [100, 100, 300, 260], t: 'A "note" & more' });
    const { svg, height } = renderBoardSvg(doc);
    expect(height).toBe(900);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
    expect(svg).toContain('A &quot;note&quot; &amp; more');
  });
});

describe('the broadcast frame', () => {
  it('is a final unmasked binary WebSocket frame with the payload length in 7, 16 or 64 bits', async () => {
    const { binaryFrame } = await import('../../server/whiteboard/whiteboard-endpoint.ts');
    const small = binaryFrame(new Uint8Array([1, 2, 3]));
    expect([...small]).toEqual([0x82, 3, 1, 2, 3]);
    const medium = binaryFrame(new Uint8Array(300).fill(7));
    expect([...medium.subarray(0, 4)]).toEqual([0x82, 126, 1, 44]);
    expect(medium.byteLength).toBe(304);
    const large = binaryFrame(new Uint8Array(70_000));
    expect(large[1]).toBe(127);
    expect(large.readBigUInt64BE(2)).toBe(70_000n);
    expect(large.byteLength).toBe(70_010);
  });
});
