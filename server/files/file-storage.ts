import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the library keeps its bytes, all named by server-generated ids (a user's file
 * name never reaches a path): `<root>/<fileId>/original` and what the conversion made
 * beside it (`pages/`, `thumbs/`, `media.mp4` …); uploads in progress under `.incoming/`,
 * conversions at work under `.work/<fileId>/`.
 */
export class FileStorage {
  readonly incomingDir: string;
  readonly workRoot: string;

  constructor(readonly root: string) {
    this.incomingDir = join(root, '.incoming');
    this.workRoot = join(root, '.work');
    mkdirSync(this.incomingDir, { recursive: true });
    mkdirSync(this.workRoot, { recursive: true });
  }

  dir(fileId: string): string {
    return join(this.root, fileId);
  }

  original(fileId: string): string {
    return join(this.dir(fileId), 'original');
  }

  incoming(fileId: string): string {
    return join(this.incomingDir, fileId);
  }

  workDir(fileId: string): string {
    return join(this.workRoot, fileId);
  }

  remove(fileId: string): void {
    rmSync(this.dir(fileId), { recursive: true, force: true });
    rmSync(this.workDir(fileId), { recursive: true, force: true });
    rmSync(this.incoming(fileId), { force: true });
  }

  /**
   * At start: half-written uploads (but those of resumable uploads still going, `resumable`)
   * and abandoned work directories go; so do folders no row knows.
   */
  sweep(known: (fileId: string) => boolean, resumable: ReadonlySet<string> = new Set()): void {
    for (const name of readdirSync(this.incomingDir)) {
      if (!resumable.has(name)) rmSync(join(this.incomingDir, name), { force: true, recursive: true });
    }
    for (const name of readdirSync(this.workRoot)) rmSync(join(this.workRoot, name), { force: true, recursive: true });
    for (const name of readdirSync(this.root)) {
      if (name.startsWith('.')) continue;
      if (!known(name)) rmSync(join(this.root, name), { recursive: true, force: true });
    }
  }
}
