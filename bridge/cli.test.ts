import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { NdjsonFramer } from '../shared/framing/ndjson';
import { PageClient, rawRequest } from './testing/page-client';
import { startTcpServer, type TestServer } from './testing/tcp-servers';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** tsx compiles on start; a shared two-core machine can make that slow. */
const CLI_TIMEOUT_MS = 30_000;

type Exit = { code: number | null; stdout: string; stderr: string };

const children: ChildProcess[] = [];
const servers: TestServer[] = [];

function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bridge/cli.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RPC_PLAYGROUND_TOKEN: '', ...env },
  });
  children.push(child);
  return child;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

function banner(child: ChildProcess): Promise<string> {
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Press Ctrl+C to stop.\n')) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${stdout}`)));
  });
}

/** Sends `request` over plain TCP and resolves with the first reply line, framed by the shared NDJSON framer. */
function jsonRpcLine(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request));
    const framer = new NdjsonFramer();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no reply line within 5 s'));
    }, 5_000);
    socket.on('data', (chunk: Buffer) => {
      const first = framer.push(chunk)[0];
      if (!first) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(first.kind === 'message' ? first.text : `framing error: ${first.reason}`);
    });
    socket.on('error', reject);
  });
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('npm start', () => {
  it(
    'prints where it runs, serves the bridge, and stops cleanly on SIGTERM',
    async () => {
      const child = spawnCli([
        '--port',
        '0',
        '--demo-port',
        '0',
        '--demo2-port',
        '0',
        '--demo-gob-port',
        '0',
        '--no-build',
        '--allow',
        'db.test:5432',
      ]);
      const exited = exitOf(child);
      const lines = (await banner(child)).trimEnd().split('\n');
      const open = /^ {2}Open: {8}http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]{43})$/.exec(
        lines[1] ?? '',
      );
      const port = Number(open?.[1]);
      const token = open?.[2] ?? '';
      const demoPort = Number(
        /^ {2}Demo server: 127\.0\.0\.1:(\d+) \(Go net\/rpc\/jsonrpc\)$/.exec(lines[3] ?? '')?.[1],
      );
      const demo2Port = Number(
        /^ {2}Demo server 2: 127\.0\.0\.1:(\d+) \(JSON-RPC 2\.0, newline-delimited\)$/.exec(
          lines[4] ?? '',
        )?.[1],
      );
      const demoGobPort = Number(
        /^ {2}Gob demo: {4}127\.0\.0\.1:(\d+) \(Go net\/rpc, gob\)$/.exec(lines[5] ?? '')?.[1],
      );
      expect(port).toBeGreaterThan(0);
      expect(demoPort).toBeGreaterThan(0);
      expect(demo2Port).toBeGreaterThan(0);
      expect(demoGobPort).toBeGreaterThan(0);
      expect(lines).toEqual([
        'RPC Playground is running.',
        `  Open:        http://127.0.0.1:${port}/#token=${token}`,
        `  Listening:   127.0.0.1:${port}`,
        `  Demo server: 127.0.0.1:${demoPort} (Go net/rpc/jsonrpc)`,
        `  Demo server 2: 127.0.0.1:${demo2Port} (JSON-RPC 2.0, newline-delimited)`,
        `  Gob demo:    127.0.0.1:${demoGobPort} (Go net/rpc, gob)`,
        `  Targets:     loopback, 127.0.0.1:${demoPort}, 127.0.0.1:${demo2Port}, 127.0.0.1:${demoGobPort}, db.test:5432`,
        `  Origins:     http://127.0.0.1:${port}`,
        '  Limits:      256 pages, 64 TCP per page, 4096 TCP in total, 8 MiB buffered per connection, 1 MiB per message, connect timeout 5 s, idle timeout 600 s, heartbeat 30 s',
        '  Busy poll:   300 µs after traffic, while calls are not pipelined',
        'Press Ctrl+C to stop.',
      ]);

      const page = await PageClient.connect(`ws://127.0.0.1:${port}/bridge`, {
        origin: `http://127.0.0.1:${port}`,
        token,
      });
      expect(await page.waitForType('welcome')).toMatchObject({
        demo: { host: '127.0.0.1', port: demoPort },
        demo2: { host: '127.0.0.1', port: demo2Port },
        demoGob: { host: '127.0.0.1', port: demoGobPort },
        allowed: [
          'loopback',
          `127.0.0.1:${demoPort}`,
          `127.0.0.1:${demo2Port}`,
          `127.0.0.1:${demoGobPort}`,
          'db.test:5432',
        ],
      });
      expect(
        await jsonRpcLine(
          demo2Port,
          '[{"jsonrpc":"2.0","method":"ServiceA.Add","params":{"X":2,"Y":40},"id":"a"},{"jsonrpc":"2.0","method":"Demo.Fail","params":["no"]}]\n',
        ),
      ).toBe('[{"jsonrpc":"2.0","result":42,"id":"a"}]');
      const http = await rawRequest(port, '/', { Host: `127.0.0.1:${port}` });
      expect(http.headers['x-content-type-options']).toBe('nosniff');
      await page.close();

      child.kill('SIGTERM');
      expect((await exited).code).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'reports a port in use in one line and exits 1',
    async () => {
      const busy = await startTcpServer(() => {});
      servers.push(busy);
      const result = await exitOf(
        spawnCli(['--port', String(busy.port), '--no-demo', '--no-build']),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: port ${busy.port} on 127.0.0.1 is already in use (try --port 0 or another port)\n`,
      );
      expect(result.stdout).toBe('');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'reports a demo port in use naming --demo-port',
    async () => {
      const busy = await startTcpServer(() => {});
      servers.push(busy);
      const result = await exitOf(
        spawnCli([
          '--port',
          '0',
          '--demo-port',
          String(busy.port),
          '--demo2-port',
          '0',
          '--demo-gob-port',
          '0',
          '--no-build',
        ]),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: port ${busy.port} on 127.0.0.1 is already in use (try --demo-port 0 or another port)\n`,
      );
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'reports a demo2 port in use naming --demo2-port, and starts neither demo with --no-demo',
    async () => {
      const busy = await startTcpServer(() => {});
      servers.push(busy);
      const result = await exitOf(
        spawnCli([
          '--port',
          '0',
          '--demo-port',
          '0',
          '--demo2-port',
          String(busy.port),
          '--demo-gob-port',
          '0',
          '--no-build',
        ]),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: port ${busy.port} on 127.0.0.1 is already in use (try --demo2-port 0 or another port)\n`,
      );
      const off = spawnCli(['--port', '0', '--no-demo', '--no-build', '--busy-poll', '250']);
      const lines = (await banner(off)).split('\n');
      expect(lines).toContain('  Demo server: off');
      expect(lines).toContain('  Demo server 2: off');
      expect(lines).toContain('  Gob demo:    off');
      expect(lines).toContain('  Busy poll:   250 µs after traffic, while calls are not pipelined');
      off.kill('SIGTERM');
      const still = spawnCli(['--port', '0', '--no-demo', '--no-build', '--busy-poll', '0']);
      expect((await banner(still)).split('\n')).toContain('  Busy poll:   off');
      still.kill('SIGTERM');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'exits 2 with a hint on an unknown flag, and 0 with the usage on --help',
    async () => {
      const bad = await exitOf(spawnCli(['--frobnicate']));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toBe(
        'error: unknown flag "--frobnicate" (run with --help to see the flags)\n',
      );
      const help = await exitOf(spawnCli(['--help']));
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--allow-origin ORIGIN');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'uses the token fixed by RPC_PLAYGROUND_TOKEN, and --token over it',
    async () => {
      const fromEnv = spawnCli(['--port', '0', '--no-demo', '--no-build'], {
        RPC_PLAYGROUND_TOKEN: 'env-token-0123456789',
      });
      expect(await banner(fromEnv)).toMatch(
        /Open: +http:\/\/127\.0\.0\.1:\d+\/#token=env-token-0123456789\n/,
      );
      fromEnv.kill('SIGTERM');
      const fromFlag = spawnCli(
        ['--port', '0', '--no-demo', '--no-build', '--token', 'flag-token-0123456789'],
        { RPC_PLAYGROUND_TOKEN: 'env-token-0123456789' },
      );
      expect(await banner(fromFlag)).toContain('#token=flag-token-0123456789\n');
      fromFlag.kill('SIGTERM');
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'refuses a non-loopback --host without --expose, and warns with it',
    async () => {
      const refused = await exitOf(spawnCli(['--host', '192.0.2.1', '--no-build']));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--host 192.0.2.1 is not loopback');
      expect(refused.stderr).toContain('add --expose');
      // 192.0.2.1 (TEST-NET-1) is on no interface here, so nothing ever listens beyond loopback.
      const exposed = await exitOf(
        spawnCli(['--host', '192.0.2.1', '--expose', '--port', '0', '--no-demo', '--no-build']),
      );
      expect(exposed.stderr).toContain(
        'warning: --expose: listening on 192.0.2.1, not loopback; other machines can reach the bridge',
      );
      expect(exposed.code).toBe(1);
    },
    CLI_TIMEOUT_MS,
  );
});
