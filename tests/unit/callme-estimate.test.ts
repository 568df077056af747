import { describe, expect, it } from 'vitest';
import { DEFAULT_CHAT_SECONDS, estimateMinutes, estimateWaitSeconds, typicalChatSeconds } from '../../shared/callme-estimate.ts';

describe('the queue estimate a waiting visitor sees', () => {
  it('takes the default chat length while the package has no measured chats', () => {
    expect(typicalChatSeconds([])).toBe(DEFAULT_CHAT_SECONDS);
    expect(typicalChatSeconds([Number.NaN, -5])).toBe(DEFAULT_CHAT_SECONDS);
  });

  it('measures the median of the recent chats, so one very long chat does not move it much', () => {
    expect(typicalChatSeconds([240, 300, 360])).toBe(300);
    expect(typicalChatSeconds([240, 300, 360, 400])).toBe(330);
    expect(typicalChatSeconds([240, 300, 360, 3 * 3600])).toBe(330);
  });

  it('clamps absurd measurements: a chat closed at once or left open all day', () => {
    expect(typicalChatSeconds([1, 2, 3])).toBe(30);
    expect(typicalChatSeconds([20_000, 30_000])).toBe(3600);
  });

  it('the next visitor waits half a chat, each later wave a whole one, with one consultant', () => {
    expect(estimateWaitSeconds(1, 1, 300)).toBe(150);
    expect(estimateWaitSeconds(2, 1, 300)).toBe(450);
    expect(estimateWaitSeconds(5, 1, 300)).toBe(1350);
  });

  it('more Available consultants work the queue in parallel', () => {
    expect(estimateWaitSeconds(1, 3, 300)).toBe(150);
    expect(estimateWaitSeconds(3, 3, 300)).toBe(150);
    expect(estimateWaitSeconds(4, 3, 300)).toBe(450);
    expect(estimateWaitSeconds(4, 2, 300)).toBeLessThan(estimateWaitSeconds(4, 1, 300));
  });

  it('with nobody Available it still gives an estimate, as for one consultant', () => {
    expect(estimateWaitSeconds(2, 0, 300)).toBe(estimateWaitSeconds(2, 1, 300));
  });

  it('shows whole minutes, never "about 0 min"', () => {
    expect(estimateMinutes(15)).toBe(1);
    expect(estimateMinutes(150)).toBe(3);
    expect(estimateMinutes(1350)).toBe(23);
  });
});
