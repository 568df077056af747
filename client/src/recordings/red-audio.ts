/** One encoding in a RED packet: its payload and how many RTP ticks before the packet's timestamp it starts. */
export interface RedBlock {
  offset: number;
  payload: Uint8Array;
}

/**
 * Splits an RTP payload of redundant audio (RFC 2198, `audio/red`, which LiveKit sends
 * for Opus) into its encodings, oldest first, the primary last (offset 0). Each
 * redundant block's header is 4 bytes (F=1, PT, 14-bit timestamp offset, 10-bit length),
 * the primary's 1 byte (F=0, PT); the payloads follow in the same order. A payload that
 * does not parse gives no blocks.
 */
export function splitRed(data: Uint8Array): RedBlock[] {
  const headers: { offset: number; length: number }[] = [];
  let at = 0;
  for (;;) {
    if (at >= data.length) return [];
    const first = data[at]!;
    if ((first & 0x80) === 0) {
      at += 1;
      break;
    }
    if (at + 4 > data.length) return [];
    const offset = (data[at + 1]! << 6) | (data[at + 2]! >> 2);
    const length = ((data[at + 2]! & 0x03) << 8) | data[at + 3]!;
    headers.push({ offset, length });
    at += 4;
  }
  const blocks: RedBlock[] = [];
  for (const h of headers) {
    if (at + h.length > data.length) return [];
    blocks.push({ offset: h.offset, payload: data.subarray(at, at + h.length) });
    at += h.length;
  }
  blocks.push({ offset: 0, payload: data.subarray(at) });
  return blocks;
}
