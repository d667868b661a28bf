import { startBridge } from '../../bridge/start';
import { startGoServer } from '../../e2e/fixtures/go-server';
import { RpcClient, type Transport } from './rpc-client';
import { fmt, percentile } from './stats';
import { bridgeTransport, directTransport } from './transports';

/**
 * ServiceA.Add calls against a real Go net/rpc/jsonrpc server, directly over
 * TCP (the baseline) and through our bridge, in the same run: latency of one
 * call at a time, and throughput with calls pipelined like Go's client.Go.
 */

const WARMUP_CALLS = 300;
const LATENCY_CALLS = 2_000;
const PIPELINED_CALLS = 20_000;
const IN_FLIGHT = 64;
const ADD = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';

type Figures = { p50: number; p99: number; callsPerSecond: number };

async function measure(transport: Transport): Promise<Figures> {
  const client = new RpcClient(transport);
  for (let i = 0; i < WARMUP_CALLS; i++) await client.call(ADD);
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const t0 = performance.now();
    const result = await client.call(ADD);
    latencies.push(performance.now() - t0);
    if (result !== '30') throw new Error(`Add answered ${result}`);
  }
  latencies.sort((a, b) => a - b);

  let sent = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (sent < PIPELINED_CALLS) {
      sent++;
      await client.call(ADD);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await client.close();
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    callsPerSecond: PIPELINED_CALLS / seconds,
  };
}

export async function benchCalls(): Promise<string[]> {
  const go = await startGoServer();
  const bridge = await startBridge({ port: 0, noDemo: true, staticRoot: null, log: () => {} });
  try {
    const direct = await measure(await directTransport(go.host, go.port));
    const bridged = await measure(
      await bridgeTransport(bridge.wsUrl, bridge.origin, bridge.token, go.host, go.port),
    );
    const row = (name: string, f: Figures) =>
      `${name.padEnd(16)} p50 ${fmt(f.p50, 3)} ms  p99 ${fmt(f.p99, 3)} ms  ${fmt(f.callsPerSecond, 0)} calls/s (${IN_FLIGHT} in flight)`;
    return [
      row('direct TCP', direct),
      row('through bridge', bridged),
      `ratio throughput bridge / direct: ${fmt(bridged.callsPerSecond / direct.callsPerSecond)}x`,
      `ratio p50 latency bridge / direct: ${fmt(bridged.p50 / direct.p50)}x (added ${fmt(bridged.p50 - direct.p50, 3)} ms)`,
    ];
  } finally {
    await bridge.close();
    await go.stop();
  }
}
