import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { notify, serveRequests } from './ipc.ts';
import { sampleProcess } from './process-stats.ts';
import { startProfile, stopProfile } from './server-profiler.ts';

/**
 * The real server, exactly as `server/main.ts` builds it, in a process of its own with
 * a fresh SQLite file. New accounts get the `self-hosted` plan (DEFAULT_PLAN), whose
 * limit is 10,000 attendees an event; the join rate limit stays at its default of 30 a
 * minute per address (the attendees come from many loopback addresses, as a real
 * audience comes from many networks).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'webinar-bench-'));
const server = await startServer(loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
  DEFAULT_PLAN: 'self-hosted',
}));

serveRequests(
  {
    info: () => ({ url: server.url }),
    sample: (payload: { collect?: boolean }) => sampleProcess(payload.collect),
    profileStart: () => startProfile(),
    profileStop: () => stopProfile(10),
  },
  async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
);
notify('ready', { url: server.url });
