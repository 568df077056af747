import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/database.ts';
import { sharedWriteGroup, WriteGroup } from '../../server/db/write-group.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-group-'));
let handle: DatabaseHandle;
let commits = 0;

beforeAll(() => {
  handle = openDatabase(join(dir, 'app.db'));
  handle.sqlite.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, label TEXT NOT NULL)');
  // Counts the group's transactions on the real connection.
  const original = handle.db.transaction.bind(handle.db);
  handle.db.transaction = ((fn: Parameters<typeof original>[0]) => {
    commits++;
    return original(fn);
  }) as typeof handle.db.transaction;
});
afterAll(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: number, label: string | null) => () => {
  handle.sqlite.prepare('INSERT INTO scratch (id, label) VALUES (?, ?)').run(id, label);
};
const count = () => (handle.sqlite.prepare('SELECT count(*) AS n FROM scratch').get() as { n: number }).n;

describe('WriteGroup', () => {
  it('commits the writes of one turn together, and each caller learns its own write is in', async () => {
    const group = new WriteGroup(handle.db);
    commits = 0;
    await Promise.all(Array.from({ length: 50 }, (_, i) => group.add(insert(i + 1, `row ${i}`))));
    expect(commits).toBe(1);
    expect(count()).toBe(50);
  });

  it('while writes keep coming, commits stay a gap apart and nothing is lost', async () => {
    const gapMs = 20;
    const group = new WriteGroup(handle.db, gapMs);
    await sleep(gapMs);
    commits = 0;
    const started = performance.now();
    const written: Promise<void>[] = [];
    // One write per turn of a 1-ms timer: without the gap, that is one commit each.
    for (let i = 0; i < 60; i++) {
      written.push(group.add(insert(1000 + i, `stream ${i}`)));
      await sleep(1);
    }
    await Promise.all(written);
    const elapsed = performance.now() - started;
    expect(count()).toBe(110);
    // At most one commit per gap (plus the first, at once, and the last); a slow machine only makes fewer.
    expect(commits).toBeLessThanOrEqual(Math.ceil(elapsed / gapMs) + 2);
    expect(commits).toBeLessThan(60);
  });

  it('a bad row fails only its own caller', async () => {
    const group = new WriteGroup(handle.db);
    const results = await Promise.allSettled([group.add(insert(2001, 'good')), group.add(insert(2002, null)), group.add(insert(2003, 'good too'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL/);
    expect(handle.sqlite.prepare('SELECT id FROM scratch WHERE id > 2000 ORDER BY id').all()).toEqual([{ id: 2001 }, { id: 2003 }]);
  });

  it('flush commits what is queued at once (the way out)', () => {
    const group = new WriteGroup(handle.db);
    let done = false;
    void group.add(insert(3001, 'last')).then(() => (done = true));
    group.flush();
    expect(handle.sqlite.prepare('SELECT label FROM scratch WHERE id = 3001').get()).toEqual({ label: 'last' });
    return Promise.resolve().then(() => expect(done).toBe(true));
  });

  it('one group per database, shared by the writes of a join', () => {
    expect(sharedWriteGroup(handle.db)).toBe(sharedWriteGroup(handle.db));
  });
});
