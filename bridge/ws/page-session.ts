import type { Writable } from 'node:stream';
import WebSocket, { type RawData } from 'ws';
import {
  type BridgeMessage,
  type ConnId,
  type DemoMessage,
  type ErrorCode,
  type OpenMessage,
  PROTOCOL_VERSION,
  type ServerStepsReport,
} from '../../shared/protocol/bridge-protocol';
import {
  decodeWriteFrame,
  encodeReadFrameInto,
  type PageWrite,
  readFrameSize,
  type WriteAck,
} from '../../shared/protocol/frames';
import { parsePageMessage } from '../../shared/protocol/validate';
import { WriteBatch } from '../batch-writes';
import type { BusyPoll } from '../busy-poll';
import { now } from '../clock';
import { DemoControl } from '../demo/demo-control';
import { formatBytes, formatSeconds, LIMIT_FLAGS, type Limits } from '../limits';
import { describeAllowed, formatTarget, type TargetPolicy } from '../policy/targets';
import { connectTarget } from '../tcp/connect-target';
import { type LookupAll, lookupAll, resolveAllowedTarget } from '../tcp/resolve-target';
import { TargetConnection } from '../tcp/target-connection';
import { binaryHeaderSize, writeBinaryHeader } from './binary-message';
import { HeldAcks } from './held-acks';
import type { ServerStepsRouter } from './server-steps-router';

const NO_ACKS: readonly WriteAck[] = [];

/** Above this many bytes queued towards the page, TCP reading pauses until the page catches up. */
export const WS_HIGH_WATER_BYTES = 1024 * 1024;

export type SessionConfig = {
  policy: TargetPolicy;
  limits: Limits;
  /** TCP connections (open or opening) across every page, for limits.maxConns. */
  totalConnections: () => number;
  log: (line: string) => void;
  lookup?: LookupAll;
  /** Reports of the glass-box demo server, routed to the connection they came in on. */
  serverSteps?: ServerStepsRouter;
  /** The bridge's event-loop polling (`--busy-poll`). */
  poll?: BusyPoll;
  /** The embedded demo servers, which a page may stop and start. */
  demos?: DemoControl;
};

type Opening = { cancelled: boolean };

/**
 * One page's WebSocket: validates what the page sends, owns that page's TCP
 * connections, and relays bytes both ways without parsing them.
 */
export class PageSession {
  private readonly conns = new Map<ConnId, TargetConnection | Opening>();
  /** Sockets paused because the page is not reading fast enough. */
  private readonly pausedForPage = new Set<TargetConnection>();
  /** Sockets whose write buffer is full; while any is, the page's WebSocket is paused. */
  private readonly congested = new Set<TargetConnection>();
  /** Each open connection's route for the demo's server-steps reports. */
  private readonly unroutes = new Map<TargetConnection, () => void>();
  private readonly heldAcks = new HeldAcks((conn, acks) => {
    for (const ack of acks) this.send({ type: 'written', conn, ...ack });
  });
  private disposed = false;
  /** A bridge without demo servers has a control that runs none. */
  private readonly demos: DemoControl;
  private readonly unsubscribeDemos: () => void;
  private readonly pageWrites: WriteBatch;
  /** The demo's server-steps reports of this loop turn, sent together at its end. */
  private serverStepsReports: ServerStepsReport[] = [];

  /**
   * `pageSocket` is the WebSocket's own TCP socket: read frames are written
   * to it as whole messages, and frames sent together leave in one writev.
   */
  constructor(
    private readonly ws: WebSocket,
    private readonly label: string,
    private readonly config: SessionConfig,
    private readonly pageSocket: Writable,
  ) {
    this.pageWrites = new WriteBatch(pageSocket, 'turn');
    pageSocket.on('drain', () => this.onPageDrained());
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.dispose());
    this.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      demo: config.policy.demo,
      demo2: config.policy.demo2 ?? null,
      demoGob: config.policy.demoGob ?? null,
      allowed: describeAllowed(config.policy),
      maxMessageBytes: config.limits.maxMessageBytes,
      at: now(),
    });
    this.demos = config.demos ?? new DemoControl({}, config.log);
    this.send({ type: 'demo-state', running: this.demos.running(), at: now() });
    this.unsubscribeDemos = this.demos.onChange((running) =>
      this.send({ type: 'demo-state', running, at: now() }),
    );
  }

  /** TCP connections this page holds, open or opening. */
  connectionCount(): number {
    return this.conns.size;
  }

  /** The page is gone: cut every TCP connection it owned. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribeDemos();
    this.heldAcks.dispose();
    for (const entry of this.conns.values()) {
      if (entry instanceof TargetConnection) entry.destroy();
      else entry.cancelled = true;
    }
    this.conns.clear();
    for (const unroute of this.unroutes.values()) unroute();
    this.unroutes.clear();
    this.pausedForPage.clear();
    this.congested.clear();
  }

  private send(message: BridgeMessage): void {
    // Reports waiting for the end of the turn leave before anything after them, such as their conn's closing.
    if (message.type !== 'server-steps') this.sendServerSteps();
    // Whatever the page hears of a connection comes after the acks of its writes.
    if (message.type !== 'written' && 'conn' in message && message.conn !== null) {
      this.heldAcks.releaseConn(message.conn);
    }
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.batchPageWrites();
    this.ws.send(JSON.stringify(message));
  }

  private queueServerSteps(report: ServerStepsReport): void {
    if (this.serverStepsReports.push(report) === 1) setImmediate(this.sendServerSteps);
  }

  // Called before every message the page is sent: nothing to do, nothing allocated, unless reports wait.
  private readonly sendServerSteps = (): void => {
    if (this.serverStepsReports.length === 0) return;
    const reports = this.serverStepsReports;
    this.serverStepsReports = [];
    if (this.disposed) return;
    // Whatever the page hears of a connection comes after the acks of its writes.
    for (const conn of new Set(reports.map((report) => report.conn))) {
      this.heldAcks.releaseConn(conn);
    }
    this.send({ type: 'server-steps', reports });
  };

  /** A lone message leaves at once; more in the same loop turn leave together after it. */
  private batchPageWrites(): void {
    this.pageWrites.beforeWrite();
  }

  private fail(conn: ConnId | null, code: ErrorCode, message: string): void {
    this.send({ type: 'error', conn, code, message, at: now() });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.disposed) return;
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (isBinary) {
      this.onWriteFrame(bytes);
      return;
    }
    this.config.poll?.touch();
    const message = parsePageMessage(bytes.toString('utf8'));
    if (typeof message === 'string') {
      this.fail(null, 'bad-message', message);
      return;
    }
    if (message.type === 'open') void this.open(message);
    else if (message.type === 'clock') this.send({ type: 'clock', seq: message.seq, at: now() });
    else if (message.type === 'demo') void this.setDemo(message);
    else this.close(message.conn);
  }

  private async setDemo({ server, running }: DemoMessage): Promise<void> {
    const problem = await this.demos.set(server, running, this.label);
    if (problem !== null && !this.disposed) this.fail(null, 'demo', problem);
  }

  private onWriteFrame(bytes: Buffer): void {
    const frame = decodeWriteFrame(bytes);
    if (typeof frame === 'string') {
      this.fail(null, 'bad-message', frame);
      return;
    }
    const { writes } = frame;
    let first = 0;
    for (let end = 1; end <= writes.length; end++) {
      if (end < writes.length && writes[end]?.conn === writes[first]?.conn) continue;
      this.relayWrites(writes, first, end);
      first = end;
    }
  }

  /** One connection's consecutive writes, `first` to before `end`: back to back in the frame, so one socket write sends them all. */
  private relayWrites(all: readonly PageWrite[], first: number, end: number): void {
    const head = all[first];
    const tail = all[end - 1];
    if (head === undefined || tail === undefined) return;
    const count = end - first;
    const connId = head.conn;
    const conn = this.conns.get(connId);
    if (!(conn instanceof TargetConnection)) {
      const state = conn ? 'is still opening' : 'is not open';
      this.fail(connId, 'conn-unknown', `connection ${connId} ${state}`);
      return;
    }
    const payload =
      count === 1
        ? head.payload
        : new Uint8Array(
            head.payload.buffer,
            head.payload.byteOffset,
            tail.payload.byteOffset + tail.payload.length - head.payload.byteOffset,
          );
    const { maxBufferedBytes } = this.config.limits;
    if (conn.queuedBytes + payload.length > maxBufferedBytes) {
      this.abortForLimit(
        connId,
        conn,
        `The server is not reading and the bridge holds at most ${formatBytes(maxBufferedBytes)} for one connection (${LIMIT_FLAGS.maxBufferedBytes}), so it closed the connection.`,
      );
      return;
    }
    const flushed = conn.write(payload, count, (at) => {
      for (let i = first; i < end; i++) {
        const write = all[i];
        if (write)
          this.heldAcks.hold(connId, { write: write.write, bytes: write.payload.length, at });
      }
    });
    this.pollFor(conn);
    if (!flushed && !this.congested.has(conn)) {
      this.congested.add(conn);
      this.ws.pause();
    }
  }

  private async open(message: OpenMessage): Promise<void> {
    const { conn, host, port } = message;
    if (this.conns.has(conn)) {
      this.fail(
        conn,
        'conn-in-use',
        `connection ${conn} is already open; close it or use another id`,
      );
      return;
    }
    const { maxConnsPerPage, maxConns } = this.config.limits;
    if (this.conns.size >= maxConnsPerPage) {
      this.config.log(
        `limit: ${this.label} reached ${maxConnsPerPage} TCP connections (${LIMIT_FLAGS.maxConnsPerPage})`,
      );
      this.fail(
        conn,
        'limit',
        `A page may hold at most ${maxConnsPerPage} TCP connections (${LIMIT_FLAGS.maxConnsPerPage}); close some first.`,
      );
      return;
    }
    if (this.config.totalConnections() >= maxConns) {
      this.config.log(
        `limit: ${maxConns} TCP connections in total, refused one for ${this.label} (${LIMIT_FLAGS.maxConns})`,
      );
      this.fail(
        conn,
        'limit',
        `The bridge holds at most ${maxConns} TCP connections for all pages together (${LIMIT_FLAGS.maxConns}); close some first.`,
      );
      return;
    }
    const opening: Opening = { cancelled: false };
    this.conns.set(conn, opening);
    const target = formatTarget({ host, port });
    const resolved = await resolveAllowedTarget(
      this.config.policy,
      { host, port },
      this.config.lookup ?? lookupAll,
    );
    if (!resolved.ok) {
      if (resolved.code === 'target-not-allowed') {
        this.config.log(`refused: ${this.label} asked for ${target}: not allowed`);
      }
      this.finishOpening(conn, opening, () => this.fail(conn, resolved.code, resolved.message));
      return;
    }
    // The page closed the connection (or went away) while the name resolved: do not dial.
    if (opening.cancelled || this.disposed) {
      this.finishOpening(conn, opening, () => {});
      return;
    }
    const connected = await connectTarget(
      resolved.addresses,
      port,
      this.config.limits.connectTimeoutMs,
    );
    if (!connected.ok) {
      this.finishOpening(conn, opening, () => this.fail(conn, connected.code, connected.message));
      return;
    }
    if (opening.cancelled || this.disposed) {
      connected.socket.destroy();
      this.finishOpening(conn, opening, () => {});
      return;
    }
    const connection = new TargetConnection(connected, {
      read: (chunk, at) => this.relayRead(conn, connection, chunk, at),
      closed: (report) => {
        this.forget(conn, connection);
        this.send({ type: 'closed', conn, ...report });
      },
      drain: () => this.onDrain(connection),
    });
    this.conns.set(conn, connection);
    const unroute = this.config.serverSteps?.route(connection.local, ({ id, stamps }) =>
      this.queueServerSteps({ conn, id, stamps }),
    );
    if (unroute) this.unroutes.set(connection, unroute);
    this.watchIdle(conn, connection);
    this.send({
      type: 'opened',
      conn,
      remote: connection.remote,
      local: connection.local,
      at: now(),
    });
  }

  /** Ends an `open` that did not produce a connection; a page `close` meanwhile gets its `closed`. */
  private finishOpening(conn: ConnId, opening: Opening, report: () => void): void {
    if (this.conns.get(conn) === opening) this.conns.delete(conn);
    if (this.disposed) return;
    if (opening.cancelled) {
      this.send({
        type: 'closed',
        conn,
        by: 'page',
        kind: 'requested',
        reason: 'the page closed the connection before it opened',
        at: now(),
      });
      return;
    }
    report();
  }

  private close(conn: ConnId): void {
    const entry = this.conns.get(conn);
    if (entry === undefined) {
      this.fail(conn, 'conn-unknown', `connection ${conn} is not open`);
    } else if (entry instanceof TargetConnection) {
      entry.closeByPage();
    } else {
      entry.cancelled = true;
    }
  }

  /** One call awaiting its answer (or its successor) is worth polling for; pipelined calls keep the loop busy anyway. */
  private pollFor(connection: TargetConnection): void {
    if (connection.pipelined) this.config.poll?.rest();
    else this.config.poll?.touch();
  }

  private relayRead(conn: ConnId, connection: TargetConnection, chunk: Buffer, at: number): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const acks = this.heldAcks.take(conn) ?? NO_ACKS;
    const size = readFrameSize(acks.length, chunk.length);
    const message = Buffer.allocUnsafe(binaryHeaderSize(size) + size);
    encodeReadFrameInto(message, writeBinaryHeader(message, size), conn, at, chunk, acks);
    // One call waiting on one connection has nothing to batch with: no timer for it.
    if (connection.pipelined || this.conns.size > 1) this.batchPageWrites();
    // ws.bufferedAmount counts these bytes too: they wait in the same socket.
    this.pageSocket.write(message);
    // After the write: what is not needed to send the answer waits until it has left.
    this.pollFor(connection);
    if (this.ws.bufferedAmount > WS_HIGH_WATER_BYTES && !this.pausedForPage.has(connection)) {
      this.pausedForPage.add(connection);
      connection.pause();
    }
  }

  /** The page's socket wrote out all it held. */
  private onPageDrained(): void {
    if (this.pausedForPage.size === 0 || this.ws.bufferedAmount > WS_HIGH_WATER_BYTES) return;
    for (const connection of this.pausedForPage) connection.resume();
    this.pausedForPage.clear();
  }

  private onDrain(connection: TargetConnection): void {
    if (this.congested.delete(connection) && this.congested.size === 0) this.ws.resume();
  }

  /** Traffic both ways counts: no byte read or written for idleTimeoutMs. */
  private watchIdle(conn: ConnId, connection: TargetConnection): void {
    const { idleTimeoutMs } = this.config.limits;
    connection.watchIdle(idleTimeoutMs, () => {
      this.abortForLimit(
        conn,
        connection,
        `No traffic either way for ${formatSeconds(idleTimeoutMs)}, so the bridge closed the connection (idle timeout, ${LIMIT_FLAGS.idleTimeoutMs}).`,
      );
    });
  }

  /** A limit ends one connection: a typed `limit` error, then its `closed`, and a log line. */
  private abortForLimit(conn: ConnId, connection: TargetConnection, sentence: string): void {
    this.config.log(`limit: ${this.label} conn ${conn}: ${sentence}`);
    connection.destroy();
    this.forget(conn, connection);
    this.fail(conn, 'limit', sentence);
    this.send({ type: 'closed', conn, by: 'bridge', kind: 'error', reason: sentence, at: now() });
  }

  private forget(conn: ConnId, connection: TargetConnection): void {
    this.unroutes.get(connection)?.();
    this.unroutes.delete(connection);
    if (this.conns.get(conn) === connection) this.conns.delete(conn);
    this.pausedForPage.delete(connection);
    this.onDrain(connection);
  }
}
