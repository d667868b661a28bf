import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoStateMessage, ErrorMessage } from '../../shared/protocol/bridge-protocol';
import { type RunningBridge, startBridge } from '../start';
import { PageClient } from '../testing/page-client';

let bridge: RunningBridge | undefined;
const pages: PageClient[] = [];
const logs: string[] = [];

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  await bridge?.close();
  bridge = undefined;
  logs.length = 0;
});

async function start(noDemo = false): Promise<RunningBridge> {
  bridge = await startBridge({
    port: 0,
    demoPort: 0,
    noDemo,
    staticRoot: null,
    log: (line) => logs.push(line),
  });
  return bridge;
}

async function pageOf(running: RunningBridge): Promise<PageClient> {
  const page = await PageClient.connectTo(running);
  pages.push(page);
  return page;
}

/** The `n`th demo-state the page heard (0 = the one after welcome). */
function nthDemoState(page: PageClient, n: number): Promise<DemoStateMessage> {
  return page.waitFor(
    (item): item is DemoStateMessage =>
      'type' in item &&
      item.type === 'demo-state' &&
      page.received.filter((r) => 'type' in r && r.type === 'demo-state').indexOf(item) === n,
    `demo-state #${n}`,
  );
}

function connectCode(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('stopping and starting the demo servers from a page', () => {
  it('tells every page after welcome, and again whenever a page stops or starts one', async () => {
    const running = await start();
    const [a, b] = [await pageOf(running), await pageOf(running)];
    for (const page of [a, b]) {
      expect((await nthDemoState(page, 0)).running).toEqual({
        demo: true,
        demo2: true,
        demoGob: true,
      });
    }
    const port = running.demo?.port ?? 0;

    a.sendJson({ type: 'demo', server: 'demo', running: false });
    for (const page of [a, b]) {
      expect((await nthDemoState(page, 1)).running).toEqual({
        demo: false,
        demo2: true,
        demoGob: true,
      });
    }
    expect(await connectCode(port)).toBe('ECONNREFUSED');
    expect(logs).toContain(`demo: page 1 stopped the demo server 127.0.0.1:${port}`);

    b.sendJson({ type: 'demo', server: 'demo', running: true });
    expect((await nthDemoState(a, 2)).running).toEqual({ demo: true, demo2: true, demoGob: true });
    expect(await connectCode(port)).toBe('connected');
    // A page that arrives now hears how things stand.
    expect((await nthDemoState(await pageOf(running), 0)).running.demo).toBe(true);
  });

  it('refuses, with a typed error, a demo the bridge does not run and a malformed request', async () => {
    const page = await pageOf(await start(true));
    expect((await nthDemoState(page, 0)).running).toEqual({
      demo: false,
      demo2: false,
      demoGob: false,
    });
    page.sendJson({ type: 'demo', server: 'demo2', running: false });
    expect(await page.waitForType('error')).toMatchObject({
      conn: null,
      code: 'demo',
      message: 'This bridge runs no demo server "demo2".',
    });
    page.sendJson({ type: 'demo', server: 'other', running: false });
    const malformed = await page.waitFor(
      (item): item is ErrorMessage =>
        'type' in item && item.type === 'error' && item.code === 'bad-message',
      'bad-message',
    );
    expect(malformed.message).toBe('demo: server must be one of "demo", "demo2", "demoGob"');
  });
});
