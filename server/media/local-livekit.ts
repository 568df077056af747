import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Logger } from '../logger.ts';

/**
 * The project's own LiveKit server, run as a child process beside ours when no external
 * deployment is configured: the binary that scripts/install-livekit.sh built into
 * .tools/bin, with livekit.yaml plus what must not be a shared default (a key pair
 * generated into DATA_DIR) or depends on this run (ports, our webhook address).
 */
export interface LocalLiveKit {
  /** For the room service API: http://127.0.0.1:<port>. */
  readonly apiUrl: string;
  readonly port: number;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Called once if the process ends by itself. */
  onExit(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

export class LiveKitUnavailable extends Error {}

export interface LocalLiveKitOptions {
  root: string;
  dataDir: string;
  /** 0: a free port. */
  port: number;
  /** WebRTC over UDP (muxed) and ICE over TCP on this one number; 0: a free one. */
  rtcPort: number;
  webhookUrl: string;
  logger: Logger;
}

const READY_TIMEOUT_MS = 30_000;
/**
 * Runs LiveKit under a small shell that ends it when our process goes away in any way,
 * SIGKILL included: the shell holds the read end of a pipe from us, and its end of file
 * means we are gone. SIGTERM to the shell is passed on. LiveKit waits for its
 * participants to leave on a first signal and stops at once on a second one; when we
 * stop, the room is over for everyone, so it gets both.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'pid=$!',
  'end() { kill -TERM "$pid" 2>/dev/null; sleep 1; kill -TERM "$pid" 2>/dev/null; }',
  '( cat <&3 >/dev/null; end ) &',
  'trap end TERM INT',
  'wait "$pid"; status=$?',
  'while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done',
  'exit "$status"',
].join('\n');
const STOP_TIMEOUT_MS = 5_000;

export async function startLocalLiveKit(options: LocalLiveKitOptions): Promise<LocalLiveKit> {
  const { root, dataDir, logger } = options;
  const binary = join(root, '.tools', 'bin', 'livekit-server');
  if (!existsSync(binary)) {
    const installLog = join(root, '.tools', 'livekit-install.log');
    const why = existsSync(installLog) ? readFileSync(installLog, 'utf8').trim() : 'the LiveKit server is not installed';
    throw new LiveKitUnavailable(`${why} (run \`bash scripts/install-livekit.sh\`, or set LIVEKIT_URL)`);
  }
  const keys = ensureKeys(dataDir);
  const port = options.port || (await freeTcpPort());
  // Two probes in a row may hand out the same number; LiveKit would then fail to bind one of them.
  const rtcPort = options.rtcPort || (await freeTcpAndUdpPort(new Set([port])));
  const pidFile = join(dataDir, 'livekit.pid');
  await killLeftover(pidFile, logger);

  const config = (parse(readFileSync(join(root, 'livekit.yaml'), 'utf8')) ?? {}) as Record<string, any>;
  config.port = port;
  config.rtc = { ...config.rtc, udp_port: rtcPort, tcp_port: rtcPort };
  config.keys = { [keys.apiKey]: keys.apiSecret };
  config.webhook = { ...config.webhook, api_key: keys.apiKey, urls: [options.webhookUrl] };
  const configFile = join(dataDir, 'livekit.yaml');
  writeFileSync(configFile, stringify(config), { mode: 0o600 });

  // Its own process group, so a last-resort SIGKILL reaches LiveKit and the watchdog alike.
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'livekit-watchdog', binary, '--config', configFile], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  writeFileSync(pidFile, String(child.pid ?? ''));
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) logger.warn(`livekit: ${line.trim()}`);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // Our process may end without stop(): the watchdog notices, and so does this.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const apiUrl = `http://127.0.0.1:${port}`;
  let stopping = false;
  const exitListeners: ((reason: string) => void)[] = [];
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`livekit-server exited (${signal ?? `code ${code}`}): ${output.trim().split('\n').slice(-5).join(' | ')}`));
    child.once('error', (error) => resolve(`livekit-server could not run: ${error.message}`));
  });
  void exited.then((reason) => {
    // The watchdog's helper (waiting on our pipe) is not needed any more.
    killGroup();
    process.removeListener('exit', killOnExit);
    rmSync(pidFile, { force: true });
    if (!stopping) for (const listener of exitListeners) listener(reason);
  });

  const ready = await Promise.race([waitForHttp(apiUrl, READY_TIMEOUT_MS), exited.then((reason) => reason)]);
  if (ready !== true) {
    killGroup();
    // Its own last words say why (a port taken, a bad key …): without them the failure cannot be told apart from a slow start.
    const said = output.trim().split('\n').slice(-5).join(' | ');
    throw new LiveKitUnavailable(typeof ready === 'string' ? ready : `livekit-server did not answer on ${apiUrl} within ${READY_TIMEOUT_MS / 1000} s${said ? `: ${said}` : ''}`);
  }
  logger.info(`livekit-server running on ${apiUrl} (WebRTC on 127.0.0.1:${rtcPort} udp/tcp)`);

  return {
    apiUrl,
    port,
    apiKey: keys.apiKey,
    apiSecret: keys.apiSecret,
    onExit: (listener) => void exitListeners.push(listener),
    async stop() {
      if (stopping) return;
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(killGroup, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A key pair made on first start and kept in DATA_DIR, readable by this user only. */
function ensureKeys(dataDir: string): { apiKey: string; apiSecret: string } {
  const file = join(dataDir, 'livekit-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { apiKey: string; apiSecret: string };
  const keys = { apiKey: `API${randomBytes(9).toString('base64url')}`, apiSecret: randomBytes(32).toString('base64url') };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

/** A LiveKit left running by a previous run of ours that died hard holds the ports: end it. */
async function killLeftover(pidFile: string, logger: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0) return;
  const alive = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('livekit-server');
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    return;
  }
  logger.warn(`ended a livekit-server (process group ${pid}) left over from an earlier run`);
  for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function waitForHttp(url: string, timeoutMs: number): Promise<true | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A port number free for both UDP and TCP on loopback (WebRTC uses it for both). */
async function freeTcpAndUdpPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freeTcpPort();
    if (taken.has(port)) continue;
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new LiveKitUnavailable('no free port for WebRTC');
}
