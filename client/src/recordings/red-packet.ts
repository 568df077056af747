/** The primary (newest) Opus payload of an RFC 2198 RED packet, which LiveKit uses for microphones. */
export function redPrimary(data: Uint8Array): Uint8Array | undefined {
  let at = 0;
  let redundant = 0;
  while (at < data.length && (data[at]! & 0x80) !== 0) {
    if (at + 4 > data.length) return undefined;
    redundant += ((data[at + 2]! & 0x03) << 8) | data[at + 3]!;
    at += 4;
  }
  const start = at + 1 + redundant;
  return start <= data.length ? data.subarray(start) : undefined;
}
