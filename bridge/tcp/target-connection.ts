import type { Socket } from 'node:net';
import {
  CLOSE_REASONS,
  type ClosedBy,
  type CloseKind,
  type Target,
} from '../../shared/protocol/bridge-protocol';
import { WriteBatch } from '../batch-writes';
import { now } from '../clock';
import type { Connected } from './connect-target';

const NOTHING = new Uint8Array(0);

/** After the page closes a connection, how long a server may take to finish before we cut it. */
export const CLOSE_LINGER_MS = 2_000;

export type CloseReport = { by: ClosedBy; kind: CloseKind; reason: string; at: number };

export type TargetConnectionEvents = {
  /** One chunk exactly as TCP delivered it to the bridge, stamped when read; valid only during the call. */
  read(chunk: Buffer, at: number): void;
  /** Called exactly once per connection. */
  closed(report: CloseReport): void;
  /** The socket's write buffer emptied after a write returned false. */
  drain(): void;
};

function describeError(error: NodeJS.ErrnoException): Omit<CloseReport, 'at'> {
  if (error.code === 'ECONNRESET') {
    return { by: 'server', kind: 'reset', reason: CLOSE_REASONS.reset };
  }
  return { by: 'bridge', kind: 'error', reason: `connection error: ${error.message}` };
}

/** One connected TCP socket to a target: reads, acknowledged writes, and close reporting. */
export class TargetConnection {
  readonly remote: Target;
  readonly local: Target;
  private isPipelined = false;
  private writesSinceRead = 0;
  private readsSinceWrite = 0;
  private closed = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** When a byte was last read or written, on the bridge clock. */
  private lastTraffic = now();
  private readonly socket: Socket;
  private readonly batch: WriteBatch;

  constructor(
    connected: Connected,
    private readonly events: TargetConnectionEvents,
  ) {
    const { socket } = connected;
    this.socket = socket;
    this.batch = new WriteBatch(socket, 'tick');
    this.remote = { host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.local = { host: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    connected.onRead((chunk) => {
      this.readsSinceWrite++;
      this.isPipelined = this.writesSinceRead > 1 || this.readsSinceWrite > 1;
      this.writesSinceRead = 0;
      const at = now();
      this.lastTraffic = at;
      if (!this.closed) events.read(chunk, at);
    });
    // 'end' follows every read, so the page has all bytes before it hears of the FIN.
    socket.on('end', () => this.report({ by: 'server', kind: 'fin', reason: CLOSE_REASONS.fin }));
    socket.on('error', (error: NodeJS.ErrnoException) => this.report(describeError(error)));
    socket.on('close', () => {
      clearTimeout(this.lingerTimer);
      clearTimeout(this.idleTimer);
      this.report({ by: 'bridge', kind: 'error', reason: 'the connection closed' });
    });
    socket.on('drain', () => events.drain());
    socket.resume();
  }

  /**
   * Whether writes and reads stopped taking turns: several writes between two
   * reads, or several reads after one write (the answers to a joined write of
   * many calls). Then calls are pipelined, and the bridge is busy without
   * polling. One write answered by one read makes it false again.
   */
  get pipelined(): boolean {
    return this.isPipelined;
  }

  /** Bytes written to the socket that the kernel has not taken yet (the server is not reading). */
  get queuedBytes(): number {
    return this.socket.writableLength;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Returns false when the socket's buffer is full; wait for `drain` before
   * writing more. `onWritten` gets the time the socket took the last byte:
   * at once when the kernel took it all in the write, as it does unless the
   * server stopped reading, without a callback per write. While calls are
   * pipelined, the writes of a tick (a WebSocket chunk carries many) leave in
   * one writev. `writes` counts the page's writes in `payload`.
   */
  write(payload: Uint8Array, writes: number, onWritten: (at: number) => void): boolean {
    this.writesSinceRead += writes;
    this.readsSinceWrite = 0;
    if (this.writesSinceRead > 1) this.isPipelined = true;
    if (this.isPipelined) this.batch.beforeWrite();
    const { socket } = this;
    const writable = socket.writable;
    const flushed = socket.write(payload);
    const at = now();
    this.lastTraffic = at;
    // Node counts a write until all of it is written: 0 means the kernel took every byte.
    if (writable && socket.writableLength === 0) {
      onWritten(at);
    } else {
      // An empty write completes after everything queued before it, or fails as the write did.
      socket.write(NOTHING, (error) => {
        if (!error) onWritten(now());
      });
    }
    return flushed;
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    if (!this.closed) this.socket.resume();
  }

  /**
   * Calls `onIdle` once nothing was read or written for `ms`. The timer is
   * re-armed when it fires, for the quiet time left, not refreshed per read
   * and write as a socket timeout is: that cost each relayed call (docs/benchmarks.md).
   */
  watchIdle(ms: number, onIdle: () => void): void {
    const check = () => {
      const quiet = now() - this.lastTraffic;
      if (quiet >= ms) onIdle();
      else this.idleTimer = setTimeout(check, ms - quiet).unref();
    };
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(check, ms).unref();
  }

  /** The page asked to close: send FIN, report at once, drop whatever still arrives. */
  closeByPage(): void {
    this.report({ by: 'page', kind: 'requested', reason: CLOSE_REASONS.requested });
    this.socket.end();
    this.socket.resume();
    this.lingerTimer = setTimeout(() => this.socket.destroy(), CLOSE_LINGER_MS);
  }

  /** The page is gone: cut the connection without reporting. */
  destroy(): void {
    this.closed = true;
    clearTimeout(this.lingerTimer);
    clearTimeout(this.idleTimer);
    this.socket.destroy();
  }

  private report(report: Omit<CloseReport, 'at'>): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.events.closed({ ...report, at: now() });
  }
}
