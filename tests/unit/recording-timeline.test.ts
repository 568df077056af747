import { describe, expect, it } from 'vitest';
import { FPS, SAMPLE_RATE, Timeline } from '../../server/recording/builtin/timeline.ts';

function collect() {
  const frames: string[] = [];
  let samples: number[] = [];
  return {
    out: {
      video: (jpeg: Buffer) => frames.push(jpeg.toString()),
      audio: (pcm: Buffer) => (samples = samples.concat([...new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2)])),
    },
    frames,
    samples: () => samples,
  };
}

describe('the recorder timeline', () => {
  it('writes constant-rate picture and continuous sound against the wall clock, silence where nothing played', () => {
    const c = collect();
    const t = new Timeline(c.out, 0, false, 500);
    t.frame(Buffer.from('A'), 0);
    t.frame(Buffer.from('B'), 500);
    t.sound({ samples: new Int16Array(48).fill(7), at: 1000 });
    t.advance(1500);
    expect(c.frames).toHaveLength(FPS);
    expect(c.frames[0]).toBe('A');
    expect(c.frames[8]).toBe('B'); // 8/15 s = 533 ms, after B's 500 ms
    expect(c.frames[7]).toBe('A'); // 466 ms
    expect(c.samples()).toHaveLength(SAMPLE_RATE);
    expect(c.samples()[0]).toBe(0);
    expect(c.samples().slice(0, 0).length).toBe(0);
    t.advance(2500);
    expect(c.samples()).toHaveLength(2 * SAMPLE_RATE);
    expect(c.samples()[SAMPLE_RATE]).toBe(7);
    expect(c.samples()[SAMPLE_RATE + 47]).toBe(7);
    expect(c.samples()[SAMPLE_RATE + 48]).toBe(0);
  });

  it('skips paused wall time entirely and reports the spans that were kept', () => {
    const c = collect();
    const t = new Timeline(c.out, 1000, false, 0);
    t.sound({ samples: new Int16Array(48_000 * 3).fill(1), at: 1000 });
    t.sound({ samples: new Int16Array(48_000).fill(9), at: 3000 }); // played during the pause: must not appear
    t.frame(Buffer.from('X'), 1000);
    t.pause(3000);
    t.resume(4000);
    t.advance(5000);
    expect(t.spans()).toEqual([{ from: 1000, to: 3000 }, { from: 4000, to: 5000 }]);
    expect(c.samples()).toHaveLength(3 * SAMPLE_RATE);
    expect(c.samples().includes(9)).toBe(false);
    expect(c.frames).toHaveLength(3 * FPS);
  });

  it('can start paused and flush up to the stop', () => {
    const c = collect();
    const t = new Timeline(c.out, 0, true, 700);
    t.frame(Buffer.from('Y'), 0);
    t.resume(1000);
    t.advance(2000, true);
    expect(t.spans()).toEqual([{ from: 1000, to: 2000 }]);
    expect(c.frames).toHaveLength(FPS);
  });
});
