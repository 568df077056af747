import { readFileSync } from 'node:fs';

/** TCP states in which the server side still holds its socket open (ESTABLISHED, CLOSE_WAIT). */
const HELD_STATES = new Set(['01', '08']);

/**
 * How many TCP connections the server on `serverPort` holds open to the given client
 * ports, as the kernel reports them (/proc/net/tcp): a count of real sockets, whatever
 * the server's own bookkeeping says. The tests' clients run in the same network
 * namespace, so both ends of each connection are listed; the server's end is the one
 * whose local port is `serverPort`.
 */
export function heldSockets(serverPort: number, clientPorts: Iterable<number>): number {
  const wanted = new Set(clientPorts);
  let held = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, remote, state] = line.trim().split(/\s+/);
      if (!local || !remote || !state) continue;
      const localPort = parseInt(local.split(':').at(-1)!, 16);
      const remotePort = parseInt(remote.split(':').at(-1)!, 16);
      if (localPort === serverPort && wanted.has(remotePort) && HELD_STATES.has(state)) held++;
    }
  }
  return held;
}
