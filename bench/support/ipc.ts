import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Request/reply over the IPC channel of a forked process: the benchmark's controller
 * drives the server, the baseline server and the attendee workers this way, so each of
 * them runs in a process of its own and its CPU and memory can be told apart.
 */
interface Request { id: number; command: string; payload: unknown }
interface Reply { id: number; ok: boolean; result?: unknown; error?: string }
/** An unsolicited message from a child (progress, a fatal error). */
export interface Notice { notice: string; detail?: unknown }

export type Handlers = Record<string, (payload: any) => unknown>;

export class ChildHandle {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exited = false;

  constructor(readonly name: string, readonly process: ChildProcess, onNotice: (notice: Notice) => void = () => undefined) {
    process.on('message', (message: Reply | Notice) => {
      if ('notice' in message) return onNotice(message);
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(new Error(`${name}: ${message.error}`));
    });
    process.once('exit', (code, signal) => {
      this.exited = true;
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${name} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  request<T>(command: string, payload: unknown = {}, timeoutMs = 600_000): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${command} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as T)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.process.send({ id, command, payload } satisfies Request);
    });
  }

  /** Asks the child to finish, and kills it if it has not gone after a few seconds. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.request('exit', {}, 5_000).catch(() => undefined);
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 8_000);
    await gone;
    clearTimeout(timer);
  }
}

/** Forks one of the bench's TypeScript modules (next to this file) as a child with an IPC channel. */
export function forkChild(name: string, moduleUrl: string, options: { args?: string[]; execArgv?: string[]; env?: Record<string, string> } = {}, onNotice?: (notice: Notice) => void): ChildHandle {
  const child = fork(fileURLToPath(moduleUrl), options.args ?? [], {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new ChildHandle(name, child, onNotice);
}

/** The child side: answers requests with `handlers`; `exit` ends the process after `cleanup`. */
export function serveRequests(handlers: Handlers, cleanup: () => Promise<void> | void = () => undefined): void {
  const reply = (message: Reply) => process.send?.(message);
  process.on('message', (message: Request) => {
    if (message.command === 'exit') {
      void (async () => {
        await Promise.resolve(cleanup()).catch(() => undefined);
        reply({ id: message.id, ok: true });
        process.exit(0);
      })();
      return;
    }
    const handler = handlers[message.command];
    if (!handler) return reply({ id: message.id, ok: false, error: `unknown command ${message.command}` });
    Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (result) => reply({ id: message.id, ok: true, result }),
        (error: unknown) => reply({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The controller went away (crashed or was interrupted): clean up and do not linger.
  process.on('disconnect', () => void Promise.resolve().then(cleanup).finally(() => process.exit(0)));
}

export function notify(notice: string, detail?: unknown): void {
  process.send?.({ notice, detail } satisfies Notice);
}
