import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', '.tools', 'bin', 'stripe-mock');

/**
 * Starts stripe-mock (installed by scripts/deps/tools/stripe-mock.sh) on 127.0.0.1 with a
 * port the system picks. A missing binary is a failure, never a skip.
 */
export async function startStripeMock(): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync(BIN)) throw new Error(`stripe-mock is not installed at ${BIN}: run bash scripts/deps/tools/stripe-mock.sh --strict`);
  const child: ChildProcess = spawn(BIN, ['-http-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stripe-mock did not start within 30 s')), 30_000);
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /Listening for HTTP at address: (\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`stripe-mock exited with ${code}: ${seen}`)));
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
