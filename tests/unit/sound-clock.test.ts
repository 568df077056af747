import { describe, expect, it } from 'vitest';
import { redPrimary } from '../../client/src/recordings/red-packet.ts';
import { SoundClock } from '../../server/recording/builtin/sound-clock.ts';

const samples = new Int16Array(960);
/** RTP time of the n-th 20 ms Opus packet after `base`. */
const rtpOf = (n: number, base = 1_000) => (base + n * 960) >>> 0;
const DELAY = 1_000;

describe('the recorder sound tap: when each packet\'s sound was made', () => {
  it('keeps the fastest packet of a stretch: packets that came late (jitter, a busy page) are put where they belong, even those stamped before the fast one came', () => {
    const clock = new SoundClock(DELAY);
    const made = 1_700_000_000_000;
    const blocks = Array.from({ length: 200 }, (_, n) => {
      const late = n % 7 === 3 ? 45 : n === 0 ? 30 : n % 3 === 0 ? 15 : 2;
      return clock.block(rtpOf(n), made + n * 20 + late, samples);
    });
    blocks.forEach((b, n) => expect(b.at - DELAY - (made + n * 20)).toBeCloseTo(2, 5));
  });

  it('starts a new stretch after a silence the sender left out of its RTP clock', () => {
    const clock = new SoundClock(DELAY);
    const first = Array.from({ length: 10 }, (_, n) => clock.block(rtpOf(n), 10_000 + n * 20 + 3, samples));
    // 2 s later on the wall clock, the RTP clock went on by one packet only.
    const second = Array.from({ length: 10 }, (_, n) => clock.block(rtpOf(10 + n), 12_000 + n * 20 + 3, samples));
    first.forEach((b, n) => expect(b.at - DELAY).toBeCloseTo(10_000 + n * 20 + 3, 5));
    second.forEach((b, n) => expect(b.at - DELAY).toBeCloseTo(12_000 + n * 20 + 3, 5));
  });

  it('keeps a stretch through a silence the RTP clock did count, and follows the clock across its 32-bit wrap', () => {
    const clock = new SoundClock(DELAY);
    const base = 2 ** 32 - 960 * 5;
    const a = clock.block(rtpOf(0, base), 20_000 + 4, samples);
    const b = clock.block(rtpOf(100, base), 22_000 + 9, samples); // 2 s of silence, 5 ms of extra jitter
    const c = clock.block(rtpOf(101, base), 22_020 + 4, samples);
    expect(a.at - DELAY).toBeCloseTo(20_004, 5);
    expect(b.at - DELAY).toBeCloseTo(22_004, 5);
    expect(c.at - DELAY).toBeCloseTo(22_024, 5);
  });

  it('after a stall here, the packets that waited are placed by the first one that did not', () => {
    const clock = new SoundClock(DELAY);
    for (let n = 0; n < 10; n++) clock.block(rtpOf(n), 30_000 + n * 20 + 2, samples);
    // The page stalled 300 ms: packets 10–24 all arrive at once when it is over, then on time again.
    const waited = Array.from({ length: 15 }, (_, i) => clock.block(rtpOf(10 + i), 30_000 + 24 * 20 + 2 + 8, samples));
    const onTime = clock.block(rtpOf(25), 30_000 + 25 * 20 + 2, samples);
    waited.forEach((b, i) => expect(b.at - DELAY).toBeCloseTo(30_000 + (10 + i) * 20 + 2, 5));
    expect(onTime.at - DELAY).toBeCloseTo(30_000 + 25 * 20 + 2, 5);
  });
});

describe('RED (RFC 2198), as LiveKit sends microphones', () => {
  it('gives the primary payload after the redundant blocks', () => {
    // Two redundant blocks of 3 and 2 bytes, then the primary header (PT 111) and 4 bytes.
    const packet = Uint8Array.from([0x80 | 111, 0x03, 0xc0 | 0, 3, 0x80 | 111, 0x01, 0xe0 | 0, 2, 111, 1, 1, 1, 2, 2, 9, 8, 7, 6]);
    expect([...redPrimary(packet)!]).toEqual([9, 8, 7, 6]);
    expect([...redPrimary(Uint8Array.from([111, 5, 6]))!]).toEqual([5, 6]);
  });

  it('refuses a packet whose headers run past its end', () => {
    expect(redPrimary(Uint8Array.from([0x80, 0, 0]))).toBeUndefined();
    expect(redPrimary(Uint8Array.from([0x80 | 111, 0, 0, 50, 111, 1]))).toBeUndefined();
  });
});
