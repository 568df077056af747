import { describe, expect, it } from 'vitest';
import { AdmissionLine } from '../../server/rooms/admission-line.ts';

describe('admission line', () => {
  it('lets a crowd in first come first served, tells each its place, and frees a place when the room admits the session', async () => {
    const line = new AdmissionLine(2, 60_000);
    const order: string[] = [];
    const releases = new Map<string, () => void>();
    const entering = ['a', 'b', 'c', 'd', 'e'].map((key) => line.enter(key).then((release) => {
      order.push(key);
      releases.set(key, release);
    }));
    await Promise.all(entering.slice(0, 2));
    expect(order).toEqual(['a', 'b']);
    expect([line.ahead('a'), line.ahead('c'), line.ahead('d'), line.ahead('e')]).toEqual([undefined, 0, 1, 2]);
    expect(line.length).toBe(3);

    // a's seat reservation is made; the place comes back when the room admits that session.
    line.holdUntilAdmitted('session-a', releases.get('a')!);
    expect(line.length).toBe(3);
    line.admitted('session-a');
    await entering[2];
    expect(order).toEqual(['a', 'b', 'c']);
    expect([line.ahead('d'), line.ahead('e')]).toEqual([0, 1]);

    // Giving a place back twice frees only one.
    releases.get('b')!();
    releases.get('b')!();
    await entering[3];
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(line.ahead('e')).toBe(0);
    releases.get('c')!();
    await entering[4];
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(line.length).toBe(0);
  });

  it('gives the place of a client that never connects back after the hold time', async () => {
    const line = new AdmissionLine(1, 50);
    const first = await line.enter('a');
    line.holdUntilAdmitted('never-comes', first);
    const second = await line.enter('b');
    expect(typeof second).toBe('function');
  });
});
