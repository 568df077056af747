import { format } from 'node:util';
import { setLogger } from '@colyseus/core/Logger';
import type { Logger } from '../logger.ts';

/**
 * Colyseus writes to the console by default, and outside production it writes an info
 * line with advice for every stale reconnection attempt: anyone could fill the log with
 * them. Its chatter goes through our logger instead, at debug level; its warnings and
 * errors stay what they are.
 */
export function routeColyseusLogs(logger: Logger): void {
  const line = (args: unknown[]) => format(...args);
  setLogger({
    debug: (...args: unknown[]) => logger.debug(`colyseus: ${line(args)}`),
    trace: (...args: unknown[]) => logger.debug(`colyseus: ${line(args)}`),
    info: (...args: unknown[]) => logger.debug(`colyseus: ${line(args)}`),
    warn: (...args: unknown[]) => logger.warn(`colyseus: ${line(args)}`),
    error: (...args: unknown[]) => logger.error(`colyseus: ${line(args)}`),
  });
}
