import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BRIDGE_PATH } from '../../shared/protocol/bridge-protocol';

/**
 * The bridge as a user runs it (`bridge/cli.ts`), in a child process, so a
 * test can read its memory (VmRSS) apart from the test's own, and kill it.
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;
/** Building the page (Vite) first takes far longer on a busy machine. */
const BUILD_START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;

export type BridgeProcess = {
  pid: number;
  port: number;
  /** The URL the bridge printed, token in its fragment. */
  url: string;
  /** The embedded demo server, when started with `demoPort`. */
  demo: { host: string; port: number } | null;
  token: string;
  origin: string;
  wsUrl: string;
  /** Resident set size of the bridge process now, from /proc/PID/status. */
  rssBytes(): number;
  /** Lines the bridge printed (stdout and stderr), for a failing test's message. */
  output(): string;
  /** SIGKILL: the bridge dies with no chance to close anything. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after a bound. */
  stop(): Promise<void>;
};

/** VmRSS of a process in bytes; throws when the process is gone. */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `bridge/cli.ts --token TOKEN --port PORT …flags` and waits for its
 * banner. Without `demoPort` there is no demo server; without `build` the
 * page is served as built (`--no-build`).
 */
export async function spawnBridge(options: {
  token: string;
  port?: number;
  demoPort?: number;
  build?: boolean;
  flags?: string[];
}): Promise<BridgeProcess> {
  const args = [
    '--import',
    'tsx',
    'bridge/cli.ts',
    ...(options.build ? [] : ['--no-build']),
    ...(options.demoPort === undefined
      ? ['--no-demo']
      : ['--demo-port', String(options.demoPort), '--demo2-port', '0', '--demo-gob-port', '0']),
    '--port',
    String(options.port ?? 0),
    '--token',
    options.token,
    ...(options.flags ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the bridge');
  const startLimitMs = options.build ? BUILD_START_TIMEOUT_MS : START_TIMEOUT_MS;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bridge did not start within ${startLimitMs} ms:\n${output}`));
    }, startLimitMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`bridge exited with ${code} before it was ready:\n${output}`));
    };
    child.once('exit', onExit);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening:\s+127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (listening && output.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(Number(listening));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
  const origin = `http://127.0.0.1:${port}`;
  const url = /Open:\s+(http:\/\/\S+)/.exec(output)?.[1] ?? origin;
  const demo = /Demo server:\s+([\d.]+):(\d+)/.exec(output);
  return {
    pid,
    port,
    url,
    demo: demo?.[1] && demo[2] ? { host: demo[1], port: Number(demo[2]) } : null,
    token: options.token,
    origin,
    wsUrl: `ws://127.0.0.1:${port}${BRIDGE_PATH}`,
    rssBytes: () => readRssBytes(pid),
    output: () => output,
    kill: () => {
      const done = exited(child);
      child.kill('SIGKILL');
      return done;
    },
    stop: () => {
      const done = exited(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      return done.finally(() => clearTimeout(timer));
    },
  };
}
