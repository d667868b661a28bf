import WebSocket from 'ws';
import { type BridgeProcess, spawnBridge } from '../../bridge/testing/bridge-process';
import { startGoServer } from '../../e2e/fixtures/go-server';
import { Correlator } from '../../shared/correlation/correlator';
import { JsonStreamFramer } from '../../shared/framing/json-stream';
import { decodeGoReply, marshalGoRequest } from '../../shared/jsonrpc/go-dialect';
import { tokenProtocol } from '../../shared/protocol/access-token';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { decodeReadFrame, encodeWriteFrame } from '../../shared/protocol/frames';
import { parseBridgeMessage } from '../../shared/protocol/validate';
import { fmt } from './stats';

/**
 * Issue 5's load run, loopback only: PAGES page sessions, each one WebSocket
 * holding CONNS_PER_PAGE TCP connections to a real Go server, every
 * connection keeping one ServiceA.Add call in flight for RUN_MS. Each call
 * asks X+1 with its own X, so an answer attached to the wrong call shows.
 * The bridge runs in its own process, whose VmRSS is sampled every second.
 */

const PAGES = 200;
const CONNS_PER_PAGE = 10;
const RUN_MS = 30_000;
/** After the run, answers still owed may take this long before they count as lost. */
const DRAIN_LIMIT_MS = 10_000;
const SAMPLE_MS = 1_000;
const SETUP_LIMIT_MS = 60_000;
const TOKEN = 'bench-load-token-0123456789';
const MIB = 1024 * 1024;

type Tally = {
  sent: number;
  answered: number;
  /** Answers matched to a call whose X+1 they do not carry. */
  mismatched: number;
  /** Replies no call in flight owned. */
  unmatched: number;
  errors: string[];
  running: boolean;
};

/** One TCP connection of a page: the client stub's shared/ code, one call in flight at a time. */
class LoadConnection {
  private readonly framer = new JsonStreamFramer();
  private readonly correlator = new Correlator<number>();
  private readonly expected = new Map<number, string>();
  private nextId = 0;
  private nextX = 0;

  constructor(
    readonly conn: number,
    private readonly write: (conn: number, bytes: Uint8Array) => void,
    private readonly tally: Tally,
  ) {}

  get pending(): number {
    return this.correlator.pendingCount;
  }

  call(): void {
    const x = this.conn * 1_000_000 + this.nextX++;
    const text = `{"method":"ServiceA.Add","params":[{"X":${x},"Y":1}]}`;
    const marshalled = marshalGoRequest(text, () => String(this.nextId++));
    if (!marshalled.ok) throw new Error(marshalled.problem);
    const key = this.nextId - 1;
    this.correlator.register(marshalled.canonicalId, key);
    this.expected.set(key, String(x + 1));
    this.tally.sent++;
    this.write(this.conn, marshalled.bytes);
  }

  receive(chunk: Uint8Array): void {
    for (const item of this.framer.push(chunk)) {
      if (item.kind === 'error') {
        this.tally.errors.push(`conn ${this.conn}: framing: ${item.reason}`);
        continue;
      }
      const decoded = decodeGoReply(item.text);
      if (!decoded.ok) {
        this.tally.errors.push(`conn ${this.conn}: ${decoded.problem}`);
        continue;
      }
      const match = this.correlator.match(decoded.reply.canonicalId);
      if (match.kind !== 'matched') {
        this.tally.unmatched++;
        continue;
      }
      const want = this.expected.get(match.key);
      this.expected.delete(match.key);
      if (decoded.reply.error !== null) this.tally.errors.push(decoded.reply.error);
      else if (decoded.reply.resultText !== want) this.tally.mismatched++;
      this.tally.answered++;
      if (this.tally.running) this.call();
    }
  }
}

/** One page: a WebSocket to the bridge with CONNS_PER_PAGE connections to the target. */
function openPage(
  bridge: BridgeProcess,
  target: { host: string; port: number },
  tally: Tally,
): Promise<{ ws: WebSocket; conns: LoadConnection[] }> {
  const ws = new WebSocket(bridge.wsUrl, [SUBPROTOCOL, tokenProtocol(bridge.token)], {
    origin: bridge.origin,
  });
  let writeId = 0;
  const write = (conn: number, bytes: Uint8Array) => {
    writeId = (writeId + 1) % 0xffffffff;
    ws.send(encodeWriteFrame([{ conn, write: writeId, payload: bytes }]));
  };
  const conns = Array.from(
    { length: CONNS_PER_PAGE },
    (_, i) => new LoadConnection(i + 1, write, tally),
  );
  return new Promise((resolve, reject) => {
    let opened = 0;
    ws.once('error', reject);
    ws.on('close', () => {
      if (tally.running) tally.errors.push('a page WebSocket closed during the run');
    });
    ws.on('open', () => {
      for (const c of conns) {
        ws.send(JSON.stringify({ type: 'open', conn: c.conn, ...target }));
      }
    });
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        const frame = decodeReadFrame(new Uint8Array(data.buffer, data.byteOffset, data.length));
        if (typeof frame === 'string') tally.errors.push(`bad frame: ${frame}`);
        else conns[frame.conn - 1]?.receive(frame.payload);
        return;
      }
      const message = parseBridgeMessage(data.toString('utf8'));
      if (typeof message === 'string') {
        tally.errors.push(`bad message: ${message}`);
      } else if (message.type === 'opened') {
        opened++;
        if (opened === CONNS_PER_PAGE) resolve({ ws, conns });
      } else if (message.type === 'error') {
        tally.errors.push(`bridge error (${message.code}): ${message.message}`);
        reject(new Error(message.message));
      } else if (message.type === 'closed' && tally.running) {
        tally.errors.push(`conn ${message.conn} closed: ${message.reason}`);
      }
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchLoad(): Promise<string[]> {
  const go = await startGoServer();
  const bridge = await spawnBridge({ token: TOKEN });
  const tally: Tally = {
    sent: 0,
    answered: 0,
    mismatched: 0,
    unmatched: 0,
    errors: [],
    running: true,
  };
  const pages: Array<{ ws: WebSocket; conns: LoadConnection[] }> = [];
  try {
    const setupStart = performance.now();
    for (let i = 0; i < PAGES; i++) {
      pages.push(await openPage(bridge, go, tally));
      if (performance.now() - setupStart > SETUP_LIMIT_MS) throw new Error('setup took too long');
    }
    const setupMs = performance.now() - setupStart;
    const rss: number[] = [bridge.rssBytes()];
    const t0 = performance.now();
    for (const page of pages) for (const c of page.conns) c.call();
    while (performance.now() - t0 < RUN_MS) {
      await pause(SAMPLE_MS);
      rss.push(bridge.rssBytes());
    }
    tally.running = false;
    const answeredInRun = tally.answered;
    const runSeconds = (performance.now() - t0) / 1000;
    const owed = () =>
      pages.reduce((sum, p) => sum + p.conns.reduce((s, c) => s + c.pending, 0), 0);
    const drainEnd = performance.now() + DRAIN_LIMIT_MS;
    while (owed() > 0 && performance.now() < drainEnd) await pause(50);
    const lost = owed();

    const mib = (bytes: number) => `${fmt(bytes / MIB, 1)} MiB`;
    // RSS climbs while garbage builds up and drops at each full collection, so one sample
    // lands anywhere on that saw; the lowest point of each half shows what stays.
    const half = Math.floor(rss.length / 2);
    const firstLow = Math.min(...rss.slice(1, half));
    const secondLow = Math.min(...rss.slice(half));
    const errors = tally.errors.length;
    return [
      `${PAGES} pages × ${CONNS_PER_PAGE} TCP connections = ${PAGES * CONNS_PER_PAGE} connections to the Go server, one call in flight on each, ${fmt(runSeconds, 1)} s (set up in ${fmt(setupMs / 1000, 1)} s)`,
      `calls: ${tally.sent} sent, ${tally.answered} answered, ${fmt(answeredInRun / runSeconds, 0)} calls/s`,
      `errors ${errors}, lost ${lost}, mismatched ${tally.mismatched}, unmatched ${tally.unmatched} (all must be 0)${errors > 0 ? `; first: ${tally.errors[0]}` : ''}`,
      `bridge RSS: start ${mib(rss[0] ?? 0)}, peak ${mib(Math.max(...rss))}; lowest in the first half of the run ${mib(firstLow)}, in the second ${mib(secondLow)}: ${fmt(secondLow / firstLow)}x (flat: about 1)`,
    ];
  } finally {
    tally.running = false;
    for (const page of pages) page.ws.terminate();
    await bridge.stop();
    await go.stop();
  }
}
