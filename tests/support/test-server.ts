import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

export const TEST_SECRET = 'test-secret-key-that-is-long-enough-0123456789';
/** Tests sign up many organizers from 127.0.0.1 and log them in at once; a test of those rules sets its own values. */
export const TEST_ACCOUNT_ENV = { SIGNUP_RATE_PER_HOUR: '100000', REQUIRE_EMAIL_VERIFICATION: 'false' };

/**
 * A real server on a free port with its own SQLite file under a fresh temporary folder;
 * without audio and video unless `env` asks for them (see tests/support/media.ts).
 */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string>; retentionClock?: () => Date } = {}): Promise<RunningServer & { dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'webinar-test-'));
  const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', SECRET_KEY: TEST_SECRET, LIVEKIT_LOCAL: 'false', ...TEST_ACCOUNT_ENV, ...options.env }), { retentionClock: options.retentionClock });
  return Object.assign(server, {
    dataDir,
    async cleanup() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
