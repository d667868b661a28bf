import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { BRIDGE_PATH, type Target } from '../shared/protocol/bridge-protocol';
import { type DemoServer, startDemoServer } from './demo/demo-server';
import { createStaticHandler } from './http/static-files';
import { LOOPBACK_NAMES } from './http/upgrade-policy';
import { ListenError } from './listen-error';
import { DEFAULT_DEMO_PORT, DEFAULT_HOST } from './options';
import {
  classifyAddress,
  describeAllowed,
  stripBrackets,
  type TargetPolicy,
} from './policy/targets';
import { CONNECT_TIMEOUT_MS } from './tcp/connect-target';
import { attachBridgeEndpoint, HEARTBEAT_INTERVAL_MS } from './ws/bridge-endpoint';

/** The built page, as `vite build` writes it. */
export const DIST_WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
/** A slow client may not hold a half-sent request open forever. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The demo server stays on loopback whatever --host says. */
const DEMO_HOST = '127.0.0.1';

export type StartBridgeOptions = {
  port: number;
  host?: string;
  demoPort?: number;
  noDemo?: boolean;
  /** Targets beyond loopback and the demo, exact host and port. */
  allow?: readonly Target[];
  /** Page origins beyond our own that may open the WebSocket (e.g. the Vite dev server). */
  allowOrigins?: readonly string[];
  /** Directory of the built page; null serves a hint instead of a page. Default: dist/web. */
  staticRoot?: string | null;
  log?: (line: string) => void;
  connectTimeoutMs?: number;
  heartbeatIntervalMs?: number;
};

export type RunningBridge = {
  /** The page's URL, e.g. http://127.0.0.1:7420/ */
  url: string;
  /** The WebSocket endpoint, e.g. ws://127.0.0.1:7420/bridge */
  wsUrl: string;
  host: string;
  port: number;
  demo: Target | null;
  /** What the bridge may reach, as the start-up banner and `welcome` list it. */
  allowed: string[];
  /** Origins accepted for the WebSocket. */
  origins: string[];
  close(): Promise<void>;
};

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** The host part of a URL for a listening address: unspecified addresses are reached via loopback. */
function urlHost(host: string): string {
  const bare = stripBrackets(host);
  if (classifyAddress(bare) === 'unspecified') return '127.0.0.1';
  return bare.includes(':') ? `[${bare}]` : bare;
}

export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  const host = options.host ?? DEFAULT_HOST;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let demoServer: DemoServer | null = null;
  if (!options.noDemo) {
    const demoPort = options.demoPort ?? DEFAULT_DEMO_PORT;
    demoServer = await startDemoServer({ host: DEMO_HOST, port: demoPort }).catch((error) => {
      throw ListenError.from('demo', DEMO_HOST, demoPort, error);
    });
  }
  const demo = demoServer ? { host: demoServer.host, port: demoServer.port } : null;
  const policy: TargetPolicy = { demo, rules: options.allow ?? [] };

  const server = createServer(
    createStaticHandler(options.staticRoot === undefined ? DIST_WEB : options.staticRoot),
  );
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  let port: number;
  try {
    port = await listen(server, host, options.port);
  } catch (error) {
    await demoServer?.close();
    throw ListenError.from('bridge', host, options.port, error);
  }

  const bindName = stripBrackets(host).toLowerCase();
  const hostNames = [...LOOPBACK_NAMES];
  if (classifyAddress(bindName) !== 'unspecified' && !hostNames.includes(bindName)) {
    hostNames.push(bindName);
  }
  const allowOrigins = options.allowOrigins ?? [];
  const endpoint = attachBridgeEndpoint(server, {
    policy,
    log,
    connectTimeoutMs: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS,
    upgrade: { port, hostNames, allowedOrigins: allowOrigins },
  });

  const origin = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/`,
    wsUrl: `ws://${urlHost(host)}:${port}${BRIDGE_PATH}`,
    host,
    port,
    demo,
    allowed: describeAllowed(policy),
    origins: [origin, ...allowOrigins],
    close() {
      closing ??= (async () => {
        endpoint.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await demoServer?.close();
      })();
      return closing;
    },
  };
}
