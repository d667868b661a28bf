import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { DEFAULT_BUSY_POLL_US } from '../../bridge/options';
import { startApp } from '../../e2e/fixtures/app';
import { startGoServer } from '../../e2e/fixtures/go-server';
import playwrightConfig from '../../e2e/playwright.config';
import { type FloorRelay, startNodeFloorRelay } from './floor/relays';
import { BENCH_VIEWPORT, openConnectedPage } from './page-recording';
import { fmt, median, percentile } from './stats';

/**
 * A lone call as a person makes it: a click on Send in Chromium, one
 * ServiceA.Add to the real Go server through the bridge, timed by the page
 * from step 1 (the click) to step 12 (the result delivered). Against the
 * least a page can take for the same call, measured in the same run: a bare
 * page whose button sends the same request bytes as one WebSocket message to
 * a bare Node relay (floor/node-relay.ts) and reads the answer. Both are
 * clicked the same way, so what Chromium does after a click (it draws the
 * frame the click asked for before it reads the answer) is in both; the ratio
 * is what the page adds of its own: its drawing, its stores, its stub.
 */

const CLICKS = 20;
const ROUNDS = 3;
/** Between clicks: the answer is in and drawn long before. */
const PAUSE_MS = 150;
const ADD = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';
const PROBE_MS = 5_000;

/** The bare page: a button that sends one request and times its answer, as text for the reason page-recording.ts gives. */
const barePage = (relayPort: number) => `<!doctype html><title>bare</title>
<button type="button">Send</button>
<script>
  const ws = new WebSocket('ws://127.0.0.1:${relayPort}/');
  ws.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  window.__times = [];
  let id = 0;
  let sentAt = null;
  let answer = '';
  ws.onmessage = (event) => {
    answer += decoder.decode(event.data);
    if (sentAt === null || !answer.includes('\\n')) return;
    window.__times.push(performance.now() - sentAt);
    sentAt = null;
    answer = '';
  };
  document.querySelector('button').onclick = () => {
    sentAt = performance.now();
    ws.send(encoder.encode(${JSON.stringify(ADD.slice(0, -1))} + ',"id":' + id++ + '}\\n'));
  };
</script>`;

async function serve(html: string): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function clickAndWait(page: Page, answered: () => Promise<boolean>): Promise<void> {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForTimeout(PAUSE_MS);
  const deadline = Date.now() + PROBE_MS;
  while (!(await answered())) {
    if (Date.now() > deadline) throw new Error('no answer');
    await page.waitForTimeout(20);
  }
}

type BareWindow = { __times: number[] };
const timesOf = (bare: Page) => bare.evaluate(() => (window as unknown as BareWindow).__times);

async function bareRound(bare: Page): Promise<number[]> {
  await bare.evaluate(() => {
    (window as unknown as BareWindow).__times = [];
  });
  for (let i = 1; i <= CLICKS; i++) {
    await clickAndWait(bare, async () => (await timesOf(bare)).length === i);
  }
  return timesOf(bare);
}

type Stamps = { invokedAt: number; deliveredAt: number; writtenAt: number; lastReadAt: number };

async function oursRound(
  page: Page,
  sentBefore: number,
): Promise<{ page: number[]; bridge: number[] }> {
  const summary = page.getByRole('region', { name: 'Calls' }).getByText(/^\d+ sent/);
  for (let i = 1; i <= CLICKS; i++) {
    const total = sentBefore + i;
    await clickAndWait(
      page,
      async () => (await summary.textContent()) === `${total} sent · ${total} answered`,
    );
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export session' }).click();
  const path = join(tmpdir(), `rpc-lone-call-${process.pid}.json`);
  await (await download).saveAs(path);
  const session = JSON.parse(await readFile(path, 'utf8')) as { calls: Array<{ stamps: Stamps }> };
  await rm(path, { force: true });
  const round = session.calls.slice(sentBefore).map((call) => call.stamps);
  return {
    page: round.map((s) => s.deliveredAt - s.invokedAt),
    bridge: round.map((s) => s.lastReadAt - s.writtenAt),
  };
}

export async function benchLoneCall(): Promise<string[]> {
  const app = await startApp();
  const go = await startGoServer();
  let relay: FloorRelay | null = null;
  let bareServer: Server | null = null;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: playwrightConfig.use?.launchOptions?.args ?? [],
  });
  try {
    // Polling as the bridge polls by default.
    relay = await startNodeFloorRelay(go.port, DEFAULT_BUSY_POLL_US);
    bareServer = await serve(barePage(relay.port));
    const ours = await openConnectedPage(browser, app, go, ADD);
    const bare = await (await browser.newContext({ viewport: BENCH_VIEWPORT })).newPage();
    await bare.goto(`http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`);
    // A round each first, not measured: a page's first calls compile its code.
    await bareRound(bare);
    await oursRound(ours, 0);
    const bareTimes: number[] = [];
    const pageTimes: number[] = [];
    const bridgeTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareTimes.push(...(await bareRound(bare)));
      const measured = await oursRound(ours, CLICKS * (round + 1));
      pageTimes.push(...measured.page);
      bridgeTimes.push(...measured.bridge);
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const [b, p, w] = [sorted(bareTimes), sorted(pageTimes), sorted(bridgeTimes)];
    const figures = (values: number[]) =>
      `p50 ${fmt(median(values), 1)} ms, p90 ${fmt(percentile(values, 90), 1)} ms`;
    return [
      `bare page, click → answer (baseline)   ${figures(b)}`,
      `our page, step 1 → step 12             ${figures(p)}  (${fmt(median(p) / median(b))}x baseline)`,
      `  of which the bridge, write → reply   ${figures(w)}`,
      `${ROUNDS} rounds of ${CLICKS} clicks each, alternated; no target (what is left over the baseline is the page's own)`,
    ];
  } finally {
    await browser.close();
    await new Promise((resolve) => bareServer?.close(resolve));
    await relay?.stop();
    await go.stop();
    await app.stop();
  }
}
