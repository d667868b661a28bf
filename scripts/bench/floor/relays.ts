import { type ChildProcess, type ExecFileException, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopProcess } from '../../../e2e/fixtures/stop-process';

/**
 * Reference relays for the websockify bench, to read our bridge's added
 * latency against relays that do nothing but relay, on the same machine in
 * the same run: a bare `ws` relay in Node (node-relay.ts), a WebSocket relay
 * in C (ws-relay.c: what a relay core outside JavaScript could do) and a
 * plain TCP relay in C (tcp-relay.c: two more hops and nothing else). All
 * listen on 127.0.0.1 and print `PORT n`.
 */

export type FloorRelay = { port: number; pid: number; stop(): Promise<void> };

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const COMPILE_TIMEOUT_MS = 60_000;

function started(
  child: ChildProcess,
  name: string,
  cleanUp: () => Promise<void> = async () => {},
): Promise<FloorRelay> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not print its port within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before printing its port`));
    });
    child.stdout?.once('data', (data: Buffer) => {
      clearTimeout(timer);
      const port = Number(/^PORT (\d+)/.exec(data.toString())?.[1]);
      if (!port || child.pid === undefined) {
        child.kill('SIGKILL');
        return reject(new Error(`${name} printed ${JSON.stringify(data.toString())}`));
      }
      resolve({
        port,
        pid: child.pid,
        stop: async () => {
          await stopProcess(child);
          await cleanUp();
        },
      });
    });
  });
}

/** The bare Node relay, polling `pollUs` µs after traffic as the bridge does. */
export function startNodeFloorRelay(targetPort: number, pollUs: number): Promise<FloorRelay> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'node-relay.ts'), String(targetPort), String(pollUs)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return started(child, 'the bare Node relay');
}

/**
 * A C relay (`tcp-relay`, or `ws-relay` with WebSocket on the client's side),
 * compiled with `cc` into a temporary directory; null when there is no C compiler.
 */
export async function startCFloorRelay(
  targetPort: number,
  relay: 'tcp-relay' | 'ws-relay' = 'tcp-relay',
): Promise<FloorRelay | null> {
  const dir = await mkdtemp(join(tmpdir(), 'rpc-playground-floor-'));
  const cleanUp = () => rm(dir, { recursive: true, force: true });
  const binary = join(dir, relay);
  const error = await new Promise<ExecFileException | null>((resolve) => {
    execFile(
      'cc',
      ['-O2', '-o', binary, join(HERE, `${relay}.c`)],
      { timeout: COMPILE_TIMEOUT_MS },
      (failed) => resolve(failed),
    );
  });
  if (error) {
    await cleanUp();
    if (error.code === 'ENOENT') return null;
    throw new Error(`cc could not build ${relay}.c: ${error.message}`);
  }
  const child = spawn(binary, [String(targetPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return started(child, `the C relay (${relay})`, cleanUp);
}
