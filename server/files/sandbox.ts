import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Logger } from '../logger.ts';

/**
 * Every external tool that reads a user's file (pdftoppm, LibreOffice, ffmpeg) runs here:
 * `timeout` (a wall-clock limit, then SIGKILL) → `prlimit` (address space, no core
 * files, few processes) → `bwrap` (no network, no view of the host beyond /usr and the
 * font configuration, its own empty working directory bound at /job, a fresh /tmp).
 * Where bubblewrap cannot create namespaces (some containers), tools still run under
 * timeout + prlimit, and the start-up log and the health entry say so.
 */
export interface SandboxRun {
  /** Absolute path of the tool, e.g. /usr/bin/pdftoppm. */
  tool: string;
  args: string[];
  /** The job's own directory on the host, seen as /job by the tool. */
  jobDir: string;
  memoryMb: number;
  timeoutSeconds: number;
  signal?: AbortSignal;
  /** Called with each line the tool writes to stdout / stderr (progress). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface SandboxResult {
  code: number | null;
  /** True when the time limit killed it. */
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export type SandboxMode = 'bwrap' | 'rlimit-only';

const OUTPUT_CAP = 256 * 1024;

export class Sandbox {
  private constructor(readonly mode: SandboxMode, readonly reason: string | undefined) {}

  /** Checks once whether bubblewrap works here (`forceMode` for tests of the fallback). */
  static detect(logger: Logger, forceMode?: SandboxMode): Sandbox {
    if (forceMode === 'rlimit-only') {
      logger.warn('file conversions: sandbox without bubblewrap (forced); tools run under prlimit + timeout only');
      return new Sandbox('rlimit-only', 'forced by configuration');
    }
    const reason = !existsSync('/usr/bin/bwrap') ? 'bubblewrap is not installed' : probeBwrap();
    if (reason) {
      logger.warn(`file conversions: bubblewrap cannot create namespaces here (${reason}); tools run under prlimit + timeout only, without network isolation`);
      return new Sandbox('rlimit-only', reason);
    }
    return new Sandbox('bwrap', undefined);
  }

  /** The command line that runs a tool in the sandbox (exposed for the tests). */
  command(run: Pick<SandboxRun, 'tool' | 'args' | 'jobDir' | 'memoryMb' | 'timeoutSeconds'>): string[] {
    const limits = ['/usr/bin/timeout', '--signal=KILL', String(run.timeoutSeconds), '/usr/bin/prlimit', `--as=${run.memoryMb * 1024 * 1024}`, '--core=0', '--'];
    if (this.mode === 'rlimit-only') return [...limits, run.tool, ...run.args];
    return [...limits, '/usr/bin/bwrap', ...bwrapArgs(run.jobDir), run.tool, ...run.args];
  }

  run(run: SandboxRun): Promise<SandboxResult> {
    const [command, ...args] = this.command(run);
    return new Promise((resolve, reject) => {
      const child = spawn(command!, args, {
        cwd: run.jobDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Outside bubblewrap the environment is the only thing we can take away.
        env: { PATH: '/usr/bin:/bin', HOME: `${run.jobDir}/home`, LANG: 'C.UTF-8', TMPDIR: `${run.jobDir}/tmp` },
        detached: true,
      });
      const out = { stdout: '', stderr: '' };
      const started = Date.now();
      for (const stream of ['stdout', 'stderr'] as const) {
        let partial = '';
        child[stream].setEncoding('utf8');
        child[stream].on('data', (chunk: string) => {
          if (out[stream].length < OUTPUT_CAP) out[stream] += chunk;
          if (!run.onLine) return;
          partial += chunk;
          const lines = partial.split(/\r?\n|\r/);
          partial = lines.pop() ?? '';
          for (const line of lines) run.onLine(line, stream);
        });
      }
      const kill = () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      };
      run.signal?.addEventListener('abort', kill, { once: true });
      child.on('error', reject);
      child.on('close', (code) => {
        run.signal?.removeEventListener('abort', kill);
        // timeout(1) exits 137 after its KILL; 124 with other signals.
        const timedOut = (code === 137 || code === 124) && Date.now() - started >= run.timeoutSeconds * 1000 - 50;
        resolve({ code, timedOut, ...out });
      });
    });
  }
}

function bwrapArgs(jobDir: string): string[] {
  const roBindIfPresent = (path: string) => (existsSync(path) ? ['--ro-bind', path, path] : []);
  return [
    '--unshare-all', // network, IPC, PID, UTS, cgroup and user namespaces: no network at all
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    '--setenv', 'PATH', '/usr/bin',
    '--setenv', 'HOME', '/job/home',
    '--setenv', 'TMPDIR', '/tmp',
    '--setenv', 'LANG', 'C.UTF-8',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--symlink', 'usr/sbin', '/sbin',
    ...roBindIfPresent('/etc/fonts'),
    ...roBindIfPresent('/etc/alternatives'),
    ...roBindIfPresent('/etc/ld.so.cache'),
    ...roBindIfPresent('/etc/libreoffice'),
    '--proc', '/proc',
    '--dev', '/dev',
    '--tmpfs', '/tmp',
    '--bind', jobDir, '/job',
    '--chdir', '/job',
    '--',
  ];
}

function probeBwrap(): string | undefined {
  const probe = spawnSync('/usr/bin/bwrap', ['--unshare-all', '--die-with-parent', '--ro-bind', '/usr', '/usr', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/bin', '/bin', '/usr/bin/true'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status === 0) return undefined;
  return (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().slice(0, 200);
}
