import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { DEFAULT_BUSY_POLL_US } from '../../bridge/options';
import { type BridgeProcess, spawnBridge } from '../../bridge/testing/bridge-process';
import { closedPort } from '../../bridge/testing/tcp-servers';
import { startGoServer } from '../../e2e/fixtures/go-server';
import { type FloorRelay, startCFloorRelay, startNodeFloorRelay } from './floor/relays';
import { RpcClient, type Transport } from './rpc-client';
import { fmt, median, percentile } from './stats';
import { bridgeTransport, directTransport } from './transports';

/**
 * Our bridge against websockify (Debian's package), the relay people use
 * today, on the same real Go server in the same run: ServiceA.Add latency one
 * call at a time, and throughput with IN_FLIGHT calls pipelined. Both relays
 * run in their own process, as users run them; direct TCP is the baseline.
 * Through our bridge the client is the page's own code: its client stub
 * (rpc-client.ts) and its bridge client (transports.ts).
 * Each round holds every path open and alternates their sequential calls in
 * batches, so a busy machine hits all alike. Three reference relays (floor/)
 * show how much of the added latency any relay of this shape pays here.
 */

const ROUNDS = 3;
/**
 * Every path gets the same warm-up before it is measured. A relay runs warm in
 * use, and V8 optimises the bridge's (and the client's) code only after a few
 * thousand calls: with 300, the first round measured the bridge half cold.
 */
const WARMUP_CALLS = 2_000;
const LATENCY_CALLS = 1_000;
/** Sequential calls made on one path before the next path's turn. */
const LATENCY_BATCH = 100;
const PIPELINED_CALLS = 10_000;
/** Pipelined calls measured on one path before the next path's turn. */
const PIPELINED_BATCH = 2_000;
const IN_FLIGHT = 64;
const ADD = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';
const TOKEN = 'bench-websockify-token-0123';
const WEBSOCKIFY_START_LIMIT_MS = 10_000;
/** Issue 5's targets, as ratios measured in the same run. */
const TARGET_VS_DIRECT = 0.7;
const TARGET_VS_WEBSOCKIFY = 1.5;
const TARGET_ADDED_P50_SHARE = 0.5;
/** The second bridge never polls (`--busy-poll 0`, bridge/busy-poll.ts): what polling buys, in the same run. */
const NO_POLL_FLAGS = ['--busy-poll', '0'];

type Figures = { latencies: number[]; callsPerSecond: number[]; relayCpuMs: number };

/** Clock ticks per second in /proc/PID/stat on Linux. */
const CLOCK_TICKS_PER_S = 100;
/** How long websockify may take to reap the child that served a closed connection. */
const REAP_WAIT_MS = 200;
const CALLS_PER_ROUND = WARMUP_CALLS + LATENCY_CALLS + PIPELINED_CALLS;

/** CPU time of a process, with that of its children already reaped (websockify forks one per client). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime, stime, cutime, cstime are fields 14-17; fields[0] is field 3.
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

function hasWebsockify(): boolean {
  return spawnSync('websockify', ['--help'], { stdio: 'ignore' }).status === 0;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

type Websockify = { port: number; pid: number; stop(): Promise<void> };

/** `websockify 127.0.0.1:PORT HOST:PORT`; it forks a process per client, so its group is stopped whole. */
async function startWebsockify(target: { host: string; port: number }): Promise<Websockify> {
  const port = await closedPort();
  const child: ChildProcess = spawn(
    'websockify',
    [`127.0.0.1:${port}`, `${target.host}:${target.port}`],
    { stdio: 'ignore', detached: true },
  );
  const deadline = Date.now() + WEBSOCKIFY_START_LIMIT_MS;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('websockify did not start listening');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (child.pid === undefined) throw new Error('websockify has no pid');
  return {
    port,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(-child.pid, 'SIGTERM');
      }),
  };
}

/** websockify's own framing: the TCP bytes as they are, in binary WebSocket frames. */
function websockifyTransport(port: number): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, ['binary']);
    let onChunk: (chunk: Uint8Array) => void = () => {};
    ws.once('error', reject);
    ws.on('message', (data: Buffer) =>
      onChunk(new Uint8Array(data.buffer, data.byteOffset, data.length)),
    );
    ws.once('open', () => {
      ws.off('error', reject);
      // websockify 0.10 closes with status 1005, which RFC 6455 forbids on the wire; `ws` reports it as an error.
      ws.on('error', () => {});
      resolve({
        write: (bytes) => ws.send(bytes),
        onChunk: (handler) => {
          onChunk = handler;
        },
        close: () =>
          new Promise((done) => {
            ws.once('close', () => done());
            ws.close();
          }),
      });
    });
  });
}

type Path = { open: () => Promise<Transport>; into: Figures; relayPid: number | null };

async function sequentialCalls(client: RpcClient, count: number, into?: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const result = await client.call(ADD);
    into?.push(performance.now() - t0);
    if (result !== '30') throw new Error(`Add answered ${result}`);
  }
}

async function pipelinedCallsPerSecond(client: RpcClient): Promise<number> {
  let sent = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (sent < PIPELINED_BATCH) {
      sent++;
      await client.call(ADD);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return PIPELINED_BATCH / ((performance.now() - t0) / 1000);
}

/** Runs `measure` on every path in turn, `batches` times, the order reversed every other time. */
async function alternate(
  batches: number,
  clients: readonly RpcClient[],
  measure: (client: RpcClient, i: number) => Promise<void>,
): Promise<void> {
  for (let batch = 0; batch < batches; batch++) {
    const order = clients.map((_, i) => i);
    if (batch % 2 === 1) order.reverse();
    for (const i of order) {
      const client = clients[i];
      if (client) await measure(client, i);
    }
  }
}

/**
 * One round over every path, each on its own connection. The calls alternate
 * between the paths in batches, so a burst of load on this shared machine
 * hits all of them alike instead of one path's whole run.
 */
async function measureRound(paths: readonly Path[]): Promise<void> {
  const cpuBefore = paths.map((path) => (path.relayPid === null ? 0 : cpuMs(path.relayPid)));
  const clients: RpcClient[] = [];
  for (const path of paths) clients.push(new RpcClient(await path.open()));
  for (const client of clients) await sequentialCalls(client, WARMUP_CALLS);
  await alternate(LATENCY_CALLS / LATENCY_BATCH, clients, (client, i) =>
    sequentialCalls(client, LATENCY_BATCH, paths[i]?.into.latencies),
  );
  await alternate(PIPELINED_CALLS / PIPELINED_BATCH, clients, async (client, i) => {
    paths[i]?.into.callsPerSecond.push(await pipelinedCallsPerSecond(client));
  });
  for (const client of clients) await client.close();
  await new Promise((resolve) => setTimeout(resolve, REAP_WAIT_MS));
  for (const [i, path] of paths.entries()) {
    if (path.relayPid !== null) path.into.relayCpuMs += cpuMs(path.relayPid) - (cpuBefore[i] ?? 0);
  }
}

type Summary = { p50: number; p99: number; callsPerSecond: number; relayCpuUsPerCall: number };

function summarise(figures: Figures): Summary {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    callsPerSecond: median(figures.callsPerSecond),
    relayCpuUsPerCall: (figures.relayCpuMs * 1000) / (ROUNDS * CALLS_PER_ROUND),
  };
}

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

export async function benchWebsockify(): Promise<string[]> {
  if (!hasWebsockify()) {
    return [
      'websockify is not installed, so this comparison is skipped.',
      'Install it with: sudo apt-get install -y websockify   (Debian/Ubuntu package)',
    ];
  }
  const go = await startGoServer();
  let bridge: BridgeProcess | undefined;
  let sleeping: BridgeProcess | undefined;
  let relay: Websockify | undefined;
  let nodeFloor: FloorRelay | undefined;
  let cFloor: FloorRelay | null = null;
  let cWsFloor: FloorRelay | null = null;
  try {
    bridge = await spawnBridge({ token: TOKEN });
    sleeping = await spawnBridge({ token: TOKEN, flags: NO_POLL_FLAGS });
    relay = await startWebsockify(go);
    nodeFloor = await startNodeFloorRelay(go.port, DEFAULT_BUSY_POLL_US);
    cFloor = await startCFloorRelay(go.port);
    cWsFloor = await startCFloorRelay(go.port, 'ws-relay');
    const empty = (): Figures => ({ latencies: [], callsPerSecond: [], relayCpuMs: 0 });
    const runs = {
      direct: empty(),
      joined: empty(),
      bridge: empty(),
      sleeping: empty(),
      websockify: empty(),
      nodeFloor: empty(),
      cFloor: empty(),
      cWsFloor: empty(),
    };
    const running = bridge;
    const sleepingBridge = sleeping;
    const websockify = relay;
    const bareNode = nodeFloor;
    const bareC = cFloor;
    const cWs = cWsFloor;
    const paths: Path[] = [
      { open: () => directTransport(go.host, go.port), into: runs.direct, relayPid: null },
      {
        open: () => directTransport(go.host, go.port, { joinWrites: true }),
        into: runs.joined,
        relayPid: null,
      },
      {
        open: () => bridgeTransport(running.wsUrl, running.origin, running.token, go.host, go.port),
        into: runs.bridge,
        relayPid: running.pid,
      },
      {
        open: () =>
          bridgeTransport(sleepingBridge.wsUrl, sleepingBridge.origin, TOKEN, go.host, go.port),
        into: runs.sleeping,
        relayPid: sleepingBridge.pid,
      },
      {
        open: () => websockifyTransport(websockify.port),
        into: runs.websockify,
        relayPid: websockify.pid,
      },
      {
        open: () => websockifyTransport(bareNode.port),
        into: runs.nodeFloor,
        relayPid: bareNode.pid,
      },
    ];
    if (bareC) {
      paths.push({
        open: () => directTransport('127.0.0.1', bareC.port),
        into: runs.cFloor,
        relayPid: bareC.pid,
      });
    }
    if (cWs) {
      paths.push({
        open: () => websockifyTransport(cWs.port),
        into: runs.cWsFloor,
        relayPid: cWs.pid,
      });
    }
    for (let round = 0; round < ROUNDS; round++) await measureRound(paths);
    const direct = summarise(runs.direct);
    const theirs = summarise(runs.websockify);
    const theirsAdded = theirs.p50 - direct.p50;
    const row = (name: string, f: Summary) =>
      `${name.padEnd(30)} p50 ${fmt(f.p50, 3)} ms  p99 ${fmt(f.p99, 3)} ms  ${fmt(f.callsPerSecond, 0)} calls/s (${IN_FLIGHT} in flight)` +
      (f.relayCpuUsPerCall > 0 ? `  relay CPU ${fmt(f.relayCpuUsPerCall, 1)} µs/call` : '');
    const addedOf = (f: Summary) => f.p50 - direct.p50;
    const verdicts = (name: string, f: Summary) => {
      const vsDirect = f.callsPerSecond / direct.callsPerSecond;
      const vsWebsockify = f.callsPerSecond / theirs.callsPerSecond;
      const added = addedOf(f);
      const share = added / theirsAdded;
      return [
        `${name}: throughput / direct ${fmt(vsDirect)}x (target ≥ ${TARGET_VS_DIRECT}x: ${verdict(vsDirect >= TARGET_VS_DIRECT)}), / websockify ${fmt(vsWebsockify)}x (target ≥ ${TARGET_VS_WEBSOCKIFY}x: ${verdict(vsWebsockify >= TARGET_VS_WEBSOCKIFY)})`,
        `${name}: added p50 over direct ${fmt(added, 3)} ms, websockify's ${fmt(theirsAdded, 3)} ms, ratio ${fmt(share)}x (target ≤ ${TARGET_ADDED_P50_SHARE}x: ${verdict(share <= TARGET_ADDED_P50_SHARE)})`,
      ];
    };
    const ours = summarise(runs.bridge);
    const oursSleeping = summarise(runs.sleeping);
    const joined = summarise(runs.joined);
    const sleeper = `bridge ${NO_POLL_FLAGS.join(' ')}`;
    const floorOfNode = summarise(runs.nodeFloor);
    const floorOfC = bareC ? summarise(runs.cFloor) : null;
    const floorOfCWs = cWs ? summarise(runs.cWsFloor) : null;
    const floor = (name: string, f: Summary) =>
      `floor, ${name}: added p50 ${fmt(addedOf(f), 3)} ms, ${fmt(addedOf(f) / theirsAdded)}x websockify's`;
    return [
      `${ROUNDS} rounds of ${LATENCY_CALLS} sequential + ${PIPELINED_CALLS} pipelined calls per path, the paths alternating every ${LATENCY_BATCH} / ${PIPELINED_BATCH} calls; each relay in its own process`,
      row('direct TCP', direct),
      row('direct TCP, writes joined', joined),
      row('through our bridge', ours),
      row(`through our ${sleeper}`, oursSleeping),
      row('through websockify', theirs),
      row('floor: bare Node ws relay', floorOfNode),
      ...(floorOfCWs ? [row('floor: C WebSocket relay', floorOfCWs)] : []),
      ...(floorOfC ? [row('floor: C TCP relay', floorOfC)] : []),
      ...verdicts('bridge', ours),
      ...verdicts(sleeper, oursSleeping),
      `bridge: throughput / direct with a turn's writes joined, as the page's bridge client joins them: ${fmt(ours.callsPerSecond / joined.callsPerSecond)}x`,
      `${floor("a bare Node relay (ws to TCP, the bridge's polling, no protocol)", floorOfNode)}; the bridge adds ${fmt(ours.p50 - floorOfNode.p50, 3)} ms more`,
      floorOfCWs
        ? `${floor('a C WebSocket relay (a relay core outside JavaScript, ws client as for websockify)', floorOfCWs)}; the bridge adds ${fmt(ours.p50 - floorOfCWs.p50, 3)} ms more`
        : 'floor, a C WebSocket relay: skipped, no C compiler (`cc`) found',
      floorOfC
        ? `${floor('a C relay (plain TCP, no WebSocket)', floorOfC)}; the bridge adds ${fmt(ours.p50 - floorOfC.p50, 3)} ms more`
        : 'floor, a C relay: skipped, no C compiler (`cc`) found',
    ];
  } finally {
    await cFloor?.stop();
    await cWsFloor?.stop();
    await nodeFloor?.stop();
    await relay?.stop();
    await bridge?.stop();
    await sleeping?.stop();
    await go.stop();
  }
}
