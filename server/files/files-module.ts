import { join } from 'node:path';
import { Hono } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { AccountsService } from '../domain/accounts-service.ts';
import type { AppEnv } from '../http/context.ts';
import type { Logger } from '../logger.ts';
import { fileRoutes } from '../api/files.ts';
import { ConversionQueue } from './conversion-queue.ts';
import { FileStorage } from './file-storage.ts';
import { FilesService } from './files-service.ts';
import { FilesStore, type FileRow } from './files-store.ts';
import { MediaLinks } from './media-links.ts';
import { ResumableUploads } from './resumable-uploads.ts';
import { Sandbox } from './sandbox.ts';
import { stageSources } from './stage-sources.ts';
import type { PlaybackSources } from '../rooms/playback-sources.ts';

export interface FilesDeps {
  config: Pick<Config, 'dataDir' | 'filesSandbox' | 'filesUploadIdleSeconds'>;
  db: Db;
  accounts: AccountsService;
  secret: string;
  logger: Logger;
  newId: () => string;
}

export interface Files {
  /** Mounted under /api/v1: /files (the library) and /media (signed links). */
  routes: Hono<AppEnv>;
  store: FilesStore;
  storage: FileStorage;
  links: MediaLinks;
  queue: ConversionQueue;
  sandbox: Sandbox;
  /** The stage video's sources (ROOM-12): library videos behind signed links, and links. */
  stage: PlaybackSources;
  /** Called with a file just before it is deleted (the stage takes it off; see FilesService.onDeleted). */
  onDeleted(listener: (file: FileRow) => void): void;
  /** Called with a file before it is deleted; a guard that throws refuses the deletion (see FilesService.guardDeletion). */
  guardDeletion(guard: (file: FileRow) => void): void;
  start(): void;
  stop(): Promise<void>;
}

/** The file library (POST-3) and its conversions, built from the core services (convention 16). */
export function buildFiles(deps: FilesDeps): Files {
  const store = new FilesStore(deps.db);
  const storage = new FileStorage(join(deps.config.dataDir, 'files'));
  const sandbox = Sandbox.detect(deps.logger, deps.config.filesSandbox === 'rlimit-only' ? 'rlimit-only' : undefined);
  const queue = new ConversionQueue(store, storage, sandbox, deps.logger);
  const links = new MediaLinks(deps.secret);
  const service = new FilesService(store, storage, deps.newId, deps.logger, () => queue.wake(), (id) => queue.cancel(id));
  const uploads = new ResumableUploads(service, store, storage, deps.newId, deps.logger, deps.config.filesUploadIdleSeconds * 1000);
  const { library, media } = fileRoutes({ files: service, uploads, store, storage, accounts: deps.accounts, links, db: deps.db });
  return {
    routes: new Hono<AppEnv>().route('/files', library).route('/media', media),
    store,
    storage,
    links,
    queue,
    sandbox,
    stage: stageSources(store, storage, links),
    onDeleted: (listener) => service.onDeleted(listener),
    guardDeletion: (guard) => service.guardDeletion(guard),
    start() {
      // A restart: conversions that were running are queued again, cut uploads are dropped with their bytes.
      const { interruptedUploads } = store.recover();
      if (interruptedUploads.length) deps.logger.warn(`files: ${interruptedUploads.length} upload(s) cut off by the restart were dropped`);
      // Resumable uploads keep their bytes across a restart, until they are finished or expire.
      storage.sweep((id) => store.get(id) !== undefined, new Set(store.resumableIds()));
      uploads.start();
      queue.start();
    },
    stop: () => {
      uploads.stop();
      return queue.stop();
    },
  };
}
