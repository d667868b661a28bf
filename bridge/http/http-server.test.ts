import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const answer = await rawRequest(bridge.port, '/bridge', upgradeHeaders(bridge.port));
    expect(answer.status).toBe(101);
    expect(answer.headers['sec-websocket-protocol']).toBe(SUBPROTOCOL);
  });

  it.each([
    [{ Origin: 'https://evil.example' }, 403, 'Origin "https://evil.example" is not allowed'],
    [{ Origin: '' }, 403, 'missing Origin header'],
    [{ Host: 'evil.example:1' }, 403, 'Host "evil.example:1" is not this bridge'],
    [{ 'Sec-WebSocket-Protocol': '' }, 400, `offer the WebSocket subprotocol ${SUBPROTOCOL}`],
  ])('refuses %j with %i and a one-line reason', async (overrides, status, reason) => {
    const answer = await rawRequest(bridge.port, '/bridge', upgradeHeaders(bridge.port, overrides));
    expect(answer.status).toBe(status);
    expect(answer.body).toContain(reason);
    expect(answer.body.trim().split('\n')).toHaveLength(1);
    expect(logs.at(-1)).toContain(reason);
  });

  it('refuses an upgrade on another path with 404', async () => {
    const answer = await rawRequest(bridge.port, '/other', upgradeHeaders(bridge.port));
    expect(answer.status).toBe(404);
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
