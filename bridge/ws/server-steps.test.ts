import { createConnection, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ServerStepsMessage,
  ServerStepsReport,
  WrittenMessage,
} from '../../shared/protocol/bridge-protocol';
import type { ReadFrame } from '../../shared/protocol/frames';
import { type RunningBridge, startBridge } from '../start';
import { isReadFrame, PageClient } from '../testing/page-client';
import { ServerStepsRouter } from './server-steps-router';

/**
 * The glass-box demo end to end inside the bridge: a real demo server, a real
 * bridge and a real WebSocket page client. Every request's steps 4–9 must
 * reach the page connection it came in on, with its id, in order, and between
 * the bridge's write and read of that call.
 */

let bridge: RunningBridge;
let page: PageClient;
const encoder = new TextEncoder();

beforeEach(async () => {
  bridge = await startBridge({ port: 0, demoPort: 0, staticRoot: null, log: () => {} });
  page = await PageClient.connectTo(bridge);
  await page.waitForType('welcome');
});

afterEach(async () => {
  await page.close();
  await bridge.close();
});

const STEP_ORDER = ['received', 'decoded', 'invoked', 'returned', 'encoded', 'written'] as const;

async function openDemo(conn: number): Promise<void> {
  const demo = bridge.demo;
  if (!demo) throw new Error('the bridge started without its demo');
  page.sendJson({ type: 'open', conn, host: demo.host, port: demo.port });
  await page.waitForType('opened', conn);
}

/** Every server-steps report the page received so far, in order, whatever message carried it. */
const reportsReceived = (): ServerStepsReport[] =>
  page.received.flatMap((item) =>
    'type' in item && item.type === 'server-steps' ? item.reports : [],
  );

const stepsFor = async (conn: number, id: string): Promise<ServerStepsReport> => {
  const found = () => reportsReceived().find((r) => r.conn === conn && r.id === id);
  await page.waitFor(
    (item): item is ServerStepsMessage =>
      'type' in item && item.type === 'server-steps' && found() !== undefined,
    `server-steps for conn ${conn} id ${id}`,
  );
  const report = found();
  if (!report) throw new Error(`no server-steps report for conn ${conn} id ${id}`);
  return report;
};

/** The read frame whose chunk completed `text` on conn, or undefined while it has not. */
function frameCompleting(conn: number, text: string): ReadFrame | undefined {
  let seen = '';
  for (const item of page.received) {
    if (!isReadFrame(item) || item.conn !== conn) continue;
    seen += Buffer.from(item.payload).toString('utf8');
    if (seen.includes(text)) return item;
  }
  return undefined;
}

/** Waits until `text` has arrived on conn; returns the read time of the chunk that completed it. */
async function readTimeOf(conn: number, text: string): Promise<number> {
  const frame = await page.waitFor(
    (item): item is ReadFrame => item === frameCompleting(conn, text),
    `reply ${text}`,
  );
  return frame.at;
}

describe('glass-box demo server through the bridge', () => {
  it('reports steps 4–9 of each call on its own conn and id, ordered, between write and read', async () => {
    await openDemo(1);
    await openDemo(2);
    // Conn 1: a slow call and a quick one with the same id as conn 2's; conn 2: one quick call.
    page.write(1, 1, encoder.encode('{"method":"Demo.Sleep","params":[{"Ms":30}],"id":"<b>"}\n'));
    page.write(1, 2, encoder.encode('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":7}\n'));
    page.write(2, 3, encoder.encode('{"method":"ServiceA.Add","params":[{"X":3,"Y":4}],"id":7}\n'));

    // The demo reports the id's JSON text as it decoded it: raw, not HTML-escaped.
    const sleep = await stepsFor(1, '"<b>"');
    const add1 = await stepsFor(1, '7');
    const add2 = await stepsFor(2, '7');
    const ackOf = async (write: number) =>
      (
        await page.waitFor(
          (item): item is WrittenMessage =>
            'type' in item && item.type === 'written' && item.write === write,
          `the ack of write ${write}`,
        )
      ).at;

    const calls = [
      { steps: sleep, conn: 1, write: 1, reply: '"result":30' },
      { steps: add1, conn: 1, write: 2, reply: '"result":3,' },
      { steps: add2, conn: 2, write: 3, reply: '"result":7,' },
    ];
    for (const { steps, conn, write, reply } of calls) {
      const times = STEP_ORDER.map((step) => steps.stamps[step] ?? Number.NaN);
      expect(times.every(Number.isFinite)).toBe(true);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // All on the bridge clock: after the bridge wrote the request, before it read the reply.
      expect(steps.stamps.received).toBeGreaterThanOrEqual(await ackOf(write));
      expect(steps.stamps.written).toBeLessThanOrEqual(await readTimeOf(conn, reply));
    }
    // The 30 ms sleep ran between invoke and return.
    expect((sleep.stamps.returned ?? 0) - (sleep.stamps.invoked ?? 0)).toBeGreaterThanOrEqual(29);
  });

  it('a call refused before its method ran has no invoke and no return', async () => {
    await openDemo(1);
    page.write(1, 1, encoder.encode('{"method":"Nope.Add","params":[{}],"id":1}\n'));
    const steps = await stepsFor(1, '1');
    expect(steps.stamps.invoked).toBeNull();
    expect(steps.stamps.returned).toBeNull();
    expect(steps.stamps.received).toBeLessThanOrEqual(steps.stamps.decoded);
    expect(steps.stamps.decoded).toBeLessThanOrEqual(steps.stamps.encoded);
    expect(steps.stamps.encoded).toBeLessThanOrEqual(steps.stamps.written);
    const readAt = await readTimeOf(1, "rpc: can't find service Nope.Add");
    expect(steps.stamps.written).toBeLessThanOrEqual(readAt);
  });

  it('a client of the demo that is not a bridge connection is not reported to any page', async () => {
    const demo = bridge.demo!;
    await openDemo(1);
    const other: Socket = createConnection({ host: demo.host, port: demo.port });
    await new Promise<void>((resolve) => other.once('connect', () => resolve()));
    const answered = new Promise<void>((resolve) => other.once('data', () => resolve()));
    other.write('{"method":"ServiceA.Add","params":[{"X":1,"Y":1}],"id":99}\n');
    await answered;
    other.destroy();
    page.write(1, 1, encoder.encode('{"method":"ServiceA.Add","params":[{"X":1,"Y":1}],"id":1}\n'));
    await stepsFor(1, '1');
    expect(reportsReceived()).toHaveLength(1);
  });
});

describe('server steps router', () => {
  const report = (host: string, port: number) => ({
    peer: { host, port },
    id: '1',
    stamps: { received: 1, decoded: 2, invoked: 3, returned: 4, encoded: 5, written: 6 },
  });

  it('routes by the socket’s local end, IPv4-mapped or not, until unrouted', () => {
    const router = new ServerStepsRouter();
    const got: string[] = [];
    const unroute = router.route({ host: '127.0.0.1', port: 5000 }, (r) => got.push(r.id));
    router.deliver(report('::ffff:127.0.0.1', 5000));
    router.deliver(report('127.0.0.1', 5001));
    expect(got).toEqual(['1']);
    unroute();
    router.deliver(report('127.0.0.1', 5000));
    expect(got).toEqual(['1']);
    expect(router.size).toBe(0);
  });
});
