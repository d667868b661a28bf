import { describeBadToken } from '../shared/protocol/access-token';
import { DEFAULT_LIMITS, formatBytes, formatSeconds, LIMIT_FLAGS, type Limits } from './limits';
import { classifyAddress, stripBrackets } from './policy/addresses';
import { type AllowRule, parseAllowRule } from './policy/allow-rules';

/** Command-line flags of `npm start`, parsed without side effects. */

export const DEFAULT_PORT = 7420;
export const DEFAULT_DEMO_PORT = 7421;
export const DEFAULT_DEMO2_PORT = 7422;
export const DEFAULT_DEMO_GOB_PORT = 7423;
export const DEFAULT_HOST = '127.0.0.1';
/** Environment variable that fixes the access token, like `--token`. */
export const TOKEN_ENV = 'RPC_PLAYGROUND_TOKEN';
/**
 * Off: polling relays each answer as it trickles in, in more and smaller
 * frames, and a 10,000-call burst in the page ran slower for it
 * (docs/benchmarks.md). 300 spans a loopback answer and the next call.
 */
export const DEFAULT_BUSY_POLL_US = 300;
const BUSY_POLL_MAX_US = 100_000;

export type CliOptions = {
  host: string;
  port: number;
  demoPort: number;
  /** The JSON-RPC 2.0 demo's port (`--demo2-port`). */
  demo2Port: number;
  /** The gob demo's port (`--demo-gob-port`): Go's net/rpc with its default codec. */
  demoGobPort: number;
  /** All demos run, or none (`--no-demo`). */
  demo: boolean;
  build: boolean;
  allow: AllowRule[];
  allowOrigins: string[];
  /** A fixed access token (--token or RPC_PLAYGROUND_TOKEN); null: a new random one per launch. */
  token: string | null;
  /** Limits set by flag; the rest keep their defaults. */
  limits: Partial<Limits>;
  /** Microseconds the event loop keeps polling after traffic (`--busy-poll`). */
  busyPollUs: number;
};

export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

const D = DEFAULT_LIMITS;
export const USAGE = `Usage: npm start -- [flags]

RPC Playground: serves the page and bridges its WebSocket to TCP RPC servers.

Flags:
  --port N               page and bridge port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H               address to listen on (default ${DEFAULT_HOST}); anything but
                         loopback also needs --expose
  --expose               confirm a non-loopback --host: other machines can then reach
                         the bridge (they still need the token)
  --demo-port N          embedded demo server port, Go's net/rpc/jsonrpc (default ${DEFAULT_DEMO_PORT};
                         0 = any free port)
  --demo2-port N         embedded JSON-RPC 2.0 demo server port, newline-delimited
                         (default ${DEFAULT_DEMO2_PORT}; 0 = any free port)
  --demo-gob-port N      embedded gob demo server port, Go's net/rpc default codec
                         (default ${DEFAULT_DEMO_GOB_PORT}; 0 = any free port)
  --no-demo              start no embedded demo server
  --allow RULE           also allow these TCP targets (repeatable; loopback is always
                         allowed): HOST:PORT, HOST:FROM-TO, ADDRESS/PREFIX:PORT,
                         [IPv6]:PORT, [IPv6]/PREFIX:PORT; e.g. 10.0.0.0/8:9000-9100.
                         Link-local addresses (169.254.x.x, fe80::) open only when
                         a rule names them inside that range
  --allow-origin ORIGIN  also accept WebSocket connections from this page origin
                         (repeatable; e.g. http://localhost:5173 for the Vite dev server)
  --token T              use this access token instead of a new random one (16-256
                         letters, digits, . _ ~ -); also ${TOKEN_ENV}=T. Lets
                         scripts connect, and an open page survive a restart
  --no-build             serve dist/web as it is, without rebuilding the page
  --busy-poll US         while one call at a time flows, keep polling US µs after
                         each message instead of sleeping, for CPU: faster where
                         waking an idle CPU is dear, slower where it is cheap;
                         never while calls are pipelined; 0 = off
                         (default ${DEFAULT_BUSY_POLL_US})
  --help                 show this text

Limits (each hit is a message to the page and a log line):
  --max-pages N          pages (WebSocket sessions) at once (default ${D.maxPages})
  --max-conns-per-page N TCP connections per page (default ${D.maxConnsPerPage})
  --max-conns N          TCP connections in total (default ${D.maxConns})
  --max-buffered BYTES   bytes held for one TCP connection (default ${formatBytes(D.maxBufferedBytes)}; K/M suffixes)
  --max-message BYTES    largest WebSocket message from the page (default ${formatBytes(D.maxMessageBytes)})
  --connect-timeout S    seconds to wait for a TCP connect (default ${formatSeconds(D.connectTimeoutMs)})
  --idle-timeout S       close a TCP connection after S seconds without traffic (default ${formatSeconds(D.idleTimeoutMs)})
  --heartbeat S          seconds between pings; a page missing a pong is dropped (default ${formatSeconds(D.heartbeatIntervalMs)})
`;

const HELP_HINT = 'run with --help to see the flags';

function parsePort(flag: string, value: string): number | string {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    return `${flag} needs a port from 0 to 65535, not "${value}"`;
  }
  return Number(value);
}

function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '';
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) return '';
  return url.origin;
}

type LimitKind = 'count' | 'bytes' | 'seconds';
const LIMIT_KINDS: Record<keyof Limits, LimitKind> = {
  maxPages: 'count',
  maxConnsPerPage: 'count',
  maxConns: 'count',
  maxBufferedBytes: 'bytes',
  maxMessageBytes: 'bytes',
  connectTimeoutMs: 'seconds',
  idleTimeoutMs: 'seconds',
  heartbeatIntervalMs: 'seconds',
};
const LIMIT_BY_FLAG = new Map(
  (Object.keys(LIMIT_FLAGS) as Array<keyof Limits>).map((key) => [LIMIT_FLAGS[key], key]),
);
/** Beyond these a value is a typo, not a choice (a day; 1 GiB; a million). */
const LIMIT_MAX: Record<LimitKind, number> = { count: 1_000_000, bytes: 2 ** 30, seconds: 86_400 };

/** A positive limit value in the flag's unit (bytes: K/M suffix; seconds: decimals), or a sentence. */
function parseLimit(flag: string, kind: LimitKind, value: string): number | string {
  const units: Record<string, number> = { '': 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2 };
  const pattern =
    kind === 'bytes'
      ? /^(\d+)(k|kib|m|mib)?$/i
      : kind === 'seconds'
        ? /^(\d+(?:\.\d+)?)()$/
        : /^(\d+)()$/;
  const match = pattern.exec(value);
  const number = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  const scaled = number * (units[(match?.[2] ?? '').toLowerCase()] ?? Number.NaN);
  const what =
    kind === 'bytes' ? 'a byte count like 65536 or 8M' : kind === 'seconds' ? 'seconds' : 'a count';
  if (!Number.isFinite(scaled) || scaled <= 0 || scaled > LIMIT_MAX[kind]) {
    return `${flag} needs ${what} above 0 and at most ${LIMIT_MAX[kind]}, not "${value}"`;
  }
  return kind === 'seconds' ? Math.round(scaled * 1000) : scaled;
}

const VALUE_FLAGS = new Set([
  '--port',
  '--host',
  '--demo-port',
  '--demo2-port',
  '--demo-gob-port',
  '--allow',
  '--allow-origin',
  '--token',
  '--busy-poll',
  ...LIMIT_BY_FLAG.keys(),
]);
const BOOLEAN_FLAGS = new Set(['--no-demo', '--no-build', '--expose', '--help']);

function isLoopbackHost(host: string): boolean {
  const bare = stripBrackets(host).toLowerCase();
  return bare === 'localhost' || classifyAddress(bare) === 'loopback';
}

export function parseArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): ParsedArgs {
  const options: CliOptions = {
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    demoPort: DEFAULT_DEMO_PORT,
    demo2Port: DEFAULT_DEMO2_PORT,
    demoGobPort: DEFAULT_DEMO_GOB_PORT,
    demo: true,
    build: true,
    allow: [],
    allowOrigins: [],
    token: env[TOKEN_ENV] || null,
    limits: {},
    busyPollUs: DEFAULT_BUSY_POLL_US,
  };
  let expose = false;
  const error = (message: string): ParsedArgs => ({
    kind: 'error',
    message: `${message} (${HELP_HINT})`,
  });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (VALUE_FLAGS.has(flag)) {
      value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return error(`${flag} needs a value`);
    } else if (flag !== arg && BOOLEAN_FLAGS.has(flag)) {
      return error(`${flag} takes no value`);
    }
    const limit = LIMIT_BY_FLAG.get(flag);
    if (limit !== undefined) {
      const parsed = parseLimit(flag, LIMIT_KINDS[limit], value ?? '');
      if (typeof parsed === 'string') return error(parsed);
      options.limits[limit] = parsed;
      continue;
    }
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--no-demo':
        options.demo = false;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--expose':
        expose = true;
        break;
      case '--port':
      case '--demo-port':
      case '--demo2-port':
      case '--demo-gob-port': {
        const port = parsePort(flag, value ?? '');
        if (typeof port === 'string') return error(port);
        if (flag === '--port') options.port = port;
        else if (flag === '--demo-port') options.demoPort = port;
        else if (flag === '--demo2-port') options.demo2Port = port;
        else options.demoGobPort = port;
        break;
      }
      case '--host':
        if (/[\s/]/.test(value ?? '')) return error(`--host needs an address, not "${value}"`);
        options.host = value ?? DEFAULT_HOST;
        break;
      case '--allow': {
        const rule = parseAllowRule(value ?? '');
        if (typeof rule === 'string') return error(`--allow: ${rule}`);
        options.allow.push(rule);
        break;
      }
      case '--allow-origin': {
        const origin = parseOrigin(value ?? '');
        if (!origin) {
          return error(`--allow-origin needs an origin like http://localhost:5173, not "${value}"`);
        }
        options.allowOrigins.push(origin);
        break;
      }
      case '--token':
        options.token = value ?? null;
        break;
      case '--busy-poll':
        if (!/^\d{1,6}$/.test(value ?? '') || Number(value) > BUSY_POLL_MAX_US) {
          return error(
            `--busy-poll needs microseconds from 0 to ${BUSY_POLL_MAX_US}, not "${value}"`,
          );
        }
        options.busyPollUs = Number(value);
        break;
      default:
        return error(`unknown flag "${arg}"`);
    }
  }
  if (options.token !== null) {
    const bad = describeBadToken(options.token);
    if (bad) return error(`--token (or ${TOKEN_ENV}): ${bad}`);
  }
  if (!isLoopbackHost(options.host) && !expose) {
    return error(
      `--host ${options.host} is not loopback: other machines could reach the bridge; add --expose to mean it`,
    );
  }
  return { kind: 'run', options };
}

/** Whether the options listen beyond loopback (the banner then warns). */
export function listensBeyondLoopback(options: Pick<CliOptions, 'host'>): boolean {
  return !isLoopbackHost(options.host);
}
