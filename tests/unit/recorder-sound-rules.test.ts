import { describe, expect, it } from 'vitest';
import { ArrivalClock } from '../../client/src/recordings/arrival-clock.ts';
import { splitRed } from '../../client/src/recordings/red-audio.ts';

describe('arrival clock of the recorder view', () => {
  it('places every packet by its timestamp from the fast arrivals, however late the others come', () => {
    const clock = new ArrivalClock(48);
    // 20 ms packets: the first late by 30 ms, the second on time, the third late by 400 ms.
    expect(clock.place(1000, 1030)).toBe(1030);
    expect(clock.place(1000 + 960, 1020)).toBe(1020);
    expect(clock.place(1000 + 2 * 960, 1440)).toBe(1040);
    expect(clock.place(1000 + 3 * 960, 1060)).toBe(1060);
  });

  it('follows the timestamps across their 32-bit wrap', () => {
    const clock = new ArrivalClock(48);
    expect(clock.place(0xffff_ffff - 479, 500)).toBe(500);
    expect(clock.place(480, 520)).toBeCloseTo(520, 6);
  });

  it('is not thrown by a few packets whose timestamps do not continue the stream, and follows a sender that jumped', () => {
    const clock = new ArrivalClock(48);
    // Two blank frames far ahead in their timestamps, then the real stream.
    clock.place(48 * 1200, 0);
    clock.place(48 * 1220, 20);
    let placed = 0;
    for (let t = 40; t <= 2000; t += 20) placed = clock.place(48 * t, t + 30);
    expect(placed).toBe(2030);
    // The sender's timestamps jump back by 5 s: within the window the clock follows them.
    for (let t = 2020; t <= 14_000; t += 20) placed = clock.place(48 * (t - 5000), t + 30);
    expect(placed).toBe(14_030);
  });
});

describe('redundant audio (RFC 2198) of the recorder view', () => {
  it('splits a packet into its redundant encodings and the primary, oldest first', () => {
    // One redundant block (PT 111, offset 960, 3 bytes), then the primary (PT 111, 2 bytes).
    const header = [0x80 | 111, 960 >> 6, ((960 & 0x3f) << 2) | (3 >> 8), 3 & 0xff, 111];
    const blocks = splitRed(new Uint8Array([...header, 1, 2, 3, 9, 8]));
    expect(blocks.map((b) => ({ offset: b.offset, payload: [...b.payload] }))).toEqual([
      { offset: 960, payload: [1, 2, 3] },
      { offset: 0, payload: [9, 8] },
    ]);
  });

  it('gives nothing for a packet whose blocks run past its end', () => {
    expect(splitRed(new Uint8Array([0x80 | 111, 15, 0, 200, 111, 1]))).toEqual([]);
    expect(splitRed(new Uint8Array([0x80 | 111, 15]))).toEqual([]);
    expect(splitRed(new Uint8Array([]))).toEqual([]);
  });
});
