import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { upload } from '../support/files-client.ts';
import { freePort, kill, startServerProcess } from '../support/server-process.ts';

/**
 * The quota race of "Bad input" (two uploads at once at the limit) is decided by SQLite,
 * not by anything in one process's memory: the admission reads what the account uses and
 * reserves the new file's declared size in one IMMEDIATE transaction (FilesStore.admit),
 * so a second writer waits for the first and sees its reservation. Shown here with two
 * server processes on the same data folder (the same database file) taking uploads of the
 * same account at the same moment: exactly one of them gets in.
 */

const MB = 1024 * 1024;
/** A PDF header and filler: accepted on upload, its conversion fails at once (the quota is what is tested). */
const filler = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);

const dataDir = mkdtempSync(join(tmpdir(), 'quota-two-'));
let first: ChildProcess;
let second: ChildProcess;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  urlA = `http://127.0.0.1:${portA}`;
  urlB = `http://127.0.0.1:${portB}`;
  first = await startServerProcess(portA, dataDir);
  // The second process finds the database migrated and shares it from here on.
  second = await startServerProcess(portB, dataDir);
}, 180_000);

afterAll(async () => {
  await Promise.all([first && kill(first, 'SIGTERM'), second && kill(second, 'SIGTERM')]);
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the file quota across processes', () => {
  it('four uploads at once at the limit, two on each process of the same database: one is admitted, three get "storage full"', async () => {
    const { api } = await newOrganizer(urlA, 'Quota Quinn');
    const onB = new ApiClient(urlB, api.apiKey);
    // 40 of the trial's 64 MB used: 24 MB free, room for one 23.5 MB file (with the 1-MB rule, then nothing more).
    expect((await upload(api, 'a.pdf', filler(40 * MB))).status).toBe(201);
    // Both processes see it. (Asked right before the race: a kept-alive connection idle for the
    // server's 5 s keep-alive would be closed under the next upload, an EPIPE that is no refusal.)
    for (const client of [api, onB]) expect((await client.ok<{ storage: { usedBytes: number } }>('GET', '/files')).storage.usedBytes).toBe(40 * MB);

    const race = await Promise.all([
      upload(api, 'b.pdf', filler(23.5 * MB)),
      upload(onB, 'c.pdf', filler(23.5 * MB)),
      upload(api, 'd.pdf', filler(23.5 * MB)),
      upload(onB, 'e.pdf', filler(23.5 * MB)),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const refused of race.filter((r) => r.status === 409)) {
      expect(refused.body.code).toBe('storage-full');
      expect(refused.body.title).toMatch(/storage is full .* so "[b-e]\.pdf" was not uploaded/);
    }

    // Both processes see the same: the two files, 63.5 MB, nothing half-written left behind.
    for (const client of [api, onB]) {
      const { files, storage } = await client.ok<{ files: { name: string }[]; storage: { usedBytes: number; canUpload: boolean } }>('GET', '/files');
      expect(files).toHaveLength(2);
      expect(storage.usedBytes).toBe(63.5 * MB);
      expect(storage.canUpload).toBe(false);
    }
  }, 180_000);
});
