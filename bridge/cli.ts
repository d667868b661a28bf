import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage, isPageStale } from './build-page';
import { describeLimits } from './limits';
import { describeListenError, ListenError } from './listen-error';
import { type CliOptions, listensBeyondLoopback, parseArgs, USAGE } from './options';
import { formatTarget } from './policy/targets';
import { DIST_WEB, type RunningBridge, startBridge } from './start';

/** `npm start`: parse flags, build the page if stale, start the bridge, print where it is. */

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

function banner(bridge: RunningBridge, busyPollUs: number): string {
  const demo = bridge.demo ? `${formatTarget(bridge.demo)} (Go net/rpc/jsonrpc)` : 'off';
  const demo2 = bridge.demo2
    ? `${formatTarget(bridge.demo2)} (JSON-RPC 2.0, newline-delimited)`
    : 'off';
  const demoGob = bridge.demoGob ? `${formatTarget(bridge.demoGob)} (Go net/rpc, gob)` : 'off';
  return [
    'RPC Playground is running.',
    // The only place the token is printed: the fragment never reaches a server log.
    `  Open:        ${bridge.url}`,
    `  Listening:   ${formatTarget({ host: bridge.host, port: bridge.port })}`,
    `  Demo server: ${demo}`,
    `  Demo server 2: ${demo2}`,
    `  Gob demo:    ${demoGob}`,
    `  Targets:     ${bridge.allowed.join(', ')}`,
    `  Origins:     ${bridge.origins.join(', ')}`,
    `  Limits:      ${describeLimits(bridge.limits)}`,
    `  Busy poll:   ${busyPollUs > 0 ? `${busyPollUs} µs after traffic, while calls are not pipelined` : 'off'}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

async function ensurePage(): Promise<void> {
  const stale = await isPageStale(join(DIST_WEB, 'index.html'), [
    join(REPO_ROOT, 'web'),
    join(REPO_ROOT, 'shared'),
  ]);
  if (!stale) return;
  process.stdout.write('Building the page (dist/web is missing or older than web/ and shared/)…\n');
  await buildPage(REPO_ROOT);
}

async function run(options: CliOptions): Promise<void> {
  if (listensBeyondLoopback(options)) {
    process.stderr.write(
      `warning: --expose: listening on ${options.host}, not loopback; other machines can reach the bridge (they still need the token)\n`,
    );
  }
  if (options.build) await ensurePage();
  let bridge: RunningBridge;
  try {
    bridge = await startBridge({
      host: options.host,
      port: options.port,
      demoPort: options.demoPort,
      demo2Port: options.demo2Port,
      demoGobPort: options.demoGobPort,
      noDemo: !options.demo,
      allow: options.allow,
      allowOrigins: options.allowOrigins,
      limits: options.limits,
      busyPollUs: options.busyPollUs,
      ...(options.token === null ? {} : { token: options.token }),
    });
  } catch (error) {
    if (error instanceof ListenError) {
      process.stderr.write(`${describeListenError(error)}\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(banner(bridge, options.busyPollUs));
  const stop = () => {
    void bridge.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const parsed = parseArgs(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  process.stdout.write(USAGE);
} else if (parsed.kind === 'error') {
  process.stderr.write(`error: ${parsed.message}\n`);
  process.exit(2);
} else {
  run(parsed.options).catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
