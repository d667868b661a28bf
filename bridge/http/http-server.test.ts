import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_CHECK_PATH, TOKEN_HEADER, tokenProtocol } from '../../shared/protocol/access-token';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import { type RunningBridge, startBridge } from '../start';
import { rawRequest, upgradeHeaders } from '../testing/page-client';

let dir: string;
let bridge: RunningBridge;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bridge-static-'));
  const root = join(dir, 'web');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>page</title>');
  await writeFile(join(root, 'assets', 'app-1a2b.js'), 'console.log(1);');
  await writeFile(join(root, 'assets', 'codicon.ttf'), 'font');
  await writeFile(join(root, 'style.css'), 'body{}');
  await writeFile(join(root, 'logo.svg'), '<svg/>');
  await writeFile(join(root, 'worker.wasm'), 'wasm');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'));
  await symlink(dir, join(root, 'up'));
  bridge = await startBridge({ port: 0, noDemo: true, staticRoot: root, log: (l) => logs.push(l) });
});

afterAll(async () => {
  await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, method = 'GET') =>
  rawRequest(bridge.port, path, { Host: `127.0.0.1:${bridge.port}` }, method);

describe('WebSocket upgrade policy on the wire', () => {
  it('switches protocols for the page we serve, with our subprotocol', async () => {
    const answer = await rawRequest(bridge.port, '/bridge', upgradeHeaders(bridge));
    expect(answer.status).toBe(101);
    expect(answer.headers['sec-websocket-protocol']).toBe(SUBPROTOCOL);
  });

  it.each([
    [{ Origin: 'https://evil.example' }, 403, 'Origin "https://evil.example" is not allowed'],
    [{ Origin: '' }, 403, 'missing Origin header'],
    [{ Host: 'evil.example:1' }, 403, 'Host "evil.example:1" is not this bridge'],
    [{ 'Sec-WebSocket-Protocol': '' }, 400, `offer the WebSocket subprotocol ${SUBPROTOCOL}`],
    [{ 'Sec-WebSocket-Protocol': SUBPROTOCOL }, 403, 'presented no access token'],
    [
      { 'Sec-WebSocket-Protocol': `${SUBPROTOCOL}, ${tokenProtocol('wrong-token-0123456789')}` },
      403,
      "this page's access token was refused",
    ],
  ])('refuses %j with %i and a one-line reason', async (overrides, status, reason) => {
    const answer = await rawRequest(bridge.port, '/bridge', upgradeHeaders(bridge, overrides));
    expect(answer.status).toBe(status);
    expect(answer.body).toContain(reason);
    expect(answer.body.trim().split('\n')).toHaveLength(1);
    expect(logs.at(-1)).toContain(reason);
  });

  it('refuses an upgrade on another path with 404', async () => {
    const answer = await rawRequest(bridge.port, '/other', upgradeHeaders(bridge));
    expect(answer.status).toBe(404);
  });
});

describe('access check', () => {
  const check = (headers: Record<string, string>) =>
    rawRequest(bridge.port, ACCESS_CHECK_PATH, { Host: `127.0.0.1:${bridge.port}`, ...headers });

  it('answers 204 to the right token, with no CORS header for other origins', async () => {
    const answer = await check({ [TOKEN_HEADER]: bridge.token });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it.each([
    [{}, 'presented no access token'],
    [{ [TOKEN_HEADER]: 'wrong-token-0123456789' }, "this page's access token was refused"],
    [{ [TOKEN_HEADER]: 'any-token-0123456789', Origin: 'https://evil.example' }, 'is not allowed'],
  ])('answers 403 with the reason to %j', async (headers, reason) => {
    const answer = await check(headers);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(reason);
  });

  it('checks Host too (DNS rebinding)', async () => {
    const answer = await rawRequest(bridge.port, ACCESS_CHECK_PATH, {
      Host: `rebound.example:${bridge.port}`,
      [TOKEN_HEADER]: bridge.token,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('is not this bridge');
  });
});

describe('HTTP timeouts', () => {
  /** Sends `head`, then `piece` every 100 ms (never idle, never finished); resolves on close. */
  async function trickle(head: string, piece: () => string) {
    const slow = await startBridge({
      port: 0,
      noDemo: true,
      staticRoot: null,
      log: () => {},
      httpTimeouts: { headersMs: 400, requestMs: 800 },
    });
    try {
      const socket = connect(slow.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      const started = Date.now();
      const closed = new Promise<number>((resolve) =>
        socket.on('close', () => resolve(Date.now())),
      );
      socket.write(head);
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(piece());
      }, 100);
      const closedAt = await closed;
      clearInterval(timer);
      return { answer, ms: closedAt - started };
    } finally {
      await slow.close();
    }
  }

  it('answers 408 and closes when the headers take longer than the header timeout', async () => {
    const { answer, ms } = await trickle('GET / HTTP/1.1\r\n', () => `X-Slow-${Date.now()}: 1\r\n`);
    expect(answer).toContain('HTTP/1.1 408');
    expect(ms).toBeGreaterThanOrEqual(400);
    expect(ms).toBeLessThan(3_000);
  });

  it('answers 408 and closes when the whole request takes longer than the request timeout', async () => {
    const { answer, ms } = await trickle(
      'POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n',
      () => 'x',
    );
    expect(answer).toContain('HTTP/1.1 408');
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(3_500);
  });
});

describe('static files', () => {
  it('serves index.html for / with security headers and no caching', async () => {
    const answer = await get('/');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>page</title>');
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['cache-control']).toBe('no-cache');
  });

  it('serves index.html for app routes without an extension', async () => {
    const answer = await get('/calls/42?x=1');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>page</title>');
  });

  it.each([
    ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['/assets/codicon.ttf', 'font/ttf'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/logo.svg', 'image/svg+xml'],
    ['/worker.wasm', 'application/wasm'],
  ])('serves %s as %s', async (path, type) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
  });

  it('lets hashed assets be cached', async () => {
    expect((await get('/assets/app-1a2b.js')).headers['cache-control']).toContain('immutable');
  });

  it.each([
    '/missing.js',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/secret.txt%00.js',
    '/link.txt',
    '/up/secret.txt',
    '/%zz.js',
  ])('answers 404 for %s without leaking the file', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('secret');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/style.css', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await get('/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

describe('without a built page', () => {
  it('answers with a hint instead of a page', async () => {
    const bare = await startBridge({ port: 0, noDemo: true, staticRoot: null, log: () => {} });
    const answer = await rawRequest(bare.port, '/', { Host: `127.0.0.1:${bare.port}` });
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('npm run build');
    await bare.close();
  });
});
