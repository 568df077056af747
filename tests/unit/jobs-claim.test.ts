import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { JobsStore } from '../../server/jobs/jobs-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('durable jobs', () => {
  it('runs a due job once when two processes (two connections to one file) both try', () => {
    const a = openDatabase(join(dir, 'app.db'));
    const b = openDatabase(join(dir, 'app.db'));
    const storeA = new JobsStore(a.db);
    const storeB = new JobsStore(b.db);
    expect(storeA.add({ kind: 'k', payload: { n: 1 }, runAt: new Date(Date.now() - 1000), dedupeKey: 'once' })).toBe(true);
    expect(storeB.add({ kind: 'k', payload: { n: 1 }, runAt: new Date(), dedupeKey: 'once' })).toBe(false);
    const seenA = storeA.due(10);
    const seenB = storeB.due(10);
    expect(seenA).toHaveLength(1);
    expect(seenB).toHaveLength(1);
    let runs = 0;
    const ranA = storeA.runClaimed(seenA[0]!, () => runs++);
    const ranB = storeB.runClaimed(seenB[0]!, () => runs++);
    expect([ranA, ranB]).toEqual([true, false]);
    expect(runs).toBe(1);
    expect(storeB.due(10)).toEqual([]);
    a.close();
    b.close();
  });

  it('rolls back what a failing handler wrote and tries the job again later', () => {
    const handle = openDatabase(join(dir, 'retry.db'));
    const store = new JobsStore(handle.db);
    store.add({ kind: 'k', payload: {}, runAt: new Date(Date.now() - 1000) });
    const [job] = store.due(10);
    expect(() => store.runClaimed(job!, (tx) => {
      store.add({ kind: 'side-effect', payload: {}, runAt: new Date() }, tx);
      throw new Error('boom');
    })).toThrow('boom');
    store.failed(job!, new Error('boom'));
    expect(store.due(10)).toEqual([]);
    expect(store.pendingForEvent('none')).toEqual([]);
    const row = handle.sqlite.prepare('select status, attempts, last_error as lastError, kind from jobs').all();
    expect(row).toEqual([{ status: 'pending', attempts: 1, lastError: 'boom', kind: 'k' }]);
    handle.close();
  });
});
