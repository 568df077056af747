import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * The least WebSocket client that works (RFC 6455 over a plain TCP socket): upgrade,
 * read unmasked server frames, answer pings, send masked binary frames, no extensions.
 * Thousands of simulated attendees must fit in a small share of a 2-core machine
 * next to the server they measure; the `ws` library plus the SDK's event wrappers
 * spend several times more CPU per received frame than this does.
 */
const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export class LightSocket {
  private socket: Socket | undefined;
  private buffered: Buffer | undefined;
  private fragments: Buffer[] = [];
  private open = false;
  private closeCode = 1006;
  onMessage: (data: Buffer) => void = () => undefined;
  onClose: (code: number) => void = () => undefined;

  /** Opens `ws://host:port/path` and resolves once the server switched protocols. */
  connect(url: string, timeoutMs = 30_000): Promise<void> {
    const { hostname, port, pathname, search } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) });
      this.socket = socket;
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('websocket upgrade timed out'));
      }, timeoutMs);
      let head = Buffer.alloc(0);
      const onHandshake = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        clearTimeout(timer);
        socket.off('data', onHandshake);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!status.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          return reject(new Error(`websocket upgrade refused: ${status}`));
        }
        this.open = true;
        socket.on('data', (data: Buffer) => this.receive(data));
        resolve();
        const rest = head.subarray(end + 4);
        if (rest.length) this.receive(rest);
      };
      socket.on('data', onHandshake);
      socket.once('error', (error) => {
        clearTimeout(timer);
        if (!this.open) reject(error);
      });
      socket.once('close', () => {
        clearTimeout(timer);
        const wasOpen = this.open;
        this.open = false;
        if (wasOpen) this.onClose(this.closeCode);
        else reject(new Error('websocket closed during the upgrade'));
      });
      socket.write(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  send(payload: Uint8Array, opcode: number = OP.binary): void {
    if (!this.open || !this.socket) return;
    const length = payload.length;
    const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(headerLength + 4 + length);
    frame[0] = 0x80 | opcode;
    if (length < 126) frame[1] = 0x80 | length;
    else if (length < 65_536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    // Clients must mask; a zero key is a valid key and leaves the payload as it is.
    frame.writeUInt32BE(0, headerLength);
    frame.set(payload, headerLength + 4);
    this.socket.write(frame);
  }

  /** Says goodbye properly (close frame, then FIN). */
  close(code = 1000): void {
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    this.send(body, OP.close);
    this.open = false;
    this.socket?.end();
  }

  /** Cuts the connection with no close frame, as a failing network does. */
  destroy(): void {
    this.socket?.destroy();
  }

  private receive(chunk: Buffer): void {
    let data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    this.buffered = undefined;
    while (data.length >= 2) {
      const fin = (data[0]! & 0x80) !== 0;
      const opcode = data[0]! & 0x0f;
      let length = data[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (data.length < 4) break;
        length = data.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (data.length < 10) break;
        length = Number(data.readBigUInt64BE(2));
        offset = 10;
      }
      if (data.length < offset + length) break;
      this.frame(fin, opcode, data.subarray(offset, offset + length));
      data = data.subarray(offset + length);
    }
    if (data.length) this.buffered = Buffer.from(data);
  }

  private frame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === OP.ping) return this.send(payload, OP.pong);
    if (opcode === OP.pong) return;
    if (opcode === OP.close) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      this.socket?.end();
      return;
    }
    if (!fin || opcode === OP.continuation) {
      this.fragments.push(payload);
      if (!fin) return;
      payload = Buffer.concat(this.fragments);
      this.fragments = [];
    }
    this.onMessage(payload);
  }
}
