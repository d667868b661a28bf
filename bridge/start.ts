import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  ACCESS_CHECK_PATH,
  describeBadToken,
  TOKEN_FRAGMENT_KEY,
} from '../shared/protocol/access-token';
import { BRIDGE_PATH, type Target } from '../shared/protocol/bridge-protocol';
import { BusyPoll } from './busy-poll';
import { DemoControl } from './demo/demo-control';
import { type DemoServer, startDemoServer } from './demo/demo-server';
import { startDemoGobServer } from './demo-gob/demo-gob-server';
import { startDemoV2Server } from './demo-v2/demo-v2-server';
import { answerAccessCheck } from './http/access-check';
import { createStaticHandler } from './http/static-files';
import { LOOPBACK_NAMES, type UpgradeContext } from './http/upgrade-policy';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { ListenError } from './listen-error';
import { DEFAULT_DEMO_PORT, DEFAULT_HOST } from './options';
import { classifyAddress, stripBrackets } from './policy/addresses';
import type { AllowRule } from './policy/allow-rules';
import { describeAllowed, type TargetPolicy } from './policy/targets';
import { attachBridgeEndpoint } from './ws/bridge-endpoint';
import { ServerStepsRouter } from './ws/server-steps-router';

/** The built page, as `vite build` writes it. */
export const DIST_WEB = fileURLToPath(new URL('../dist/web', import.meta.url));
/** A slow client may not hold a half-sent request open forever. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The demo servers stay on loopback whatever --host says. */
const DEMO_HOST = '127.0.0.1';

export type StartBridgeOptions = {
  port: number;
  host?: string;
  demoPort?: number;
  /** The JSON-RPC 2.0 demo's port; default 0 (any free port), so tests never collide. The CLI passes 7422. */
  demo2Port?: number;
  /** The gob demo's port; default 0 (any free port). The CLI passes 7423. */
  demoGobPort?: number;
  /** Starts no demo server. */
  noDemo?: boolean;
  /** Targets beyond loopback and the demo (`--allow` rules). */
  allow?: readonly AllowRule[];
  /** Page origins beyond our own that may open the WebSocket (e.g. the Vite dev server). */
  allowOrigins?: readonly string[];
  /** Directory of the built page; null serves a hint instead of a page. Default: dist/web. */
  staticRoot?: string | null;
  log?: (line: string) => void;
  /** The access token the page must present; default: 32 random bytes, new per launch. */
  token?: string;
  /** Limits to change; the rest keep DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  /** Microseconds the event loop keeps polling after traffic (`--busy-poll`); 0 (off) unless given: the CLI passes its default. */
  busyPollUs?: number;
  /** Test hook: HTTP server timeouts (default HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS). */
  httpTimeouts?: { headersMs: number; requestMs: number };
};

export type RunningBridge = {
  /** The page's URL with the token in its fragment, e.g. http://127.0.0.1:7420/#token=… */
  url: string;
  /** Our own origin, e.g. http://127.0.0.1:7420 */
  origin: string;
  /** The per-launch access token. */
  token: string;
  limits: Limits;
  /** The WebSocket endpoint, e.g. ws://127.0.0.1:7420/bridge */
  wsUrl: string;
  host: string;
  port: number;
  demo: Target | null;
  /** The JSON-RPC 2.0 demo server (newline-delimited), when one runs. */
  demo2: Target | null;
  /** The gob demo server (Go's net/rpc default codec), when one runs. */
  demoGob: Target | null;
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

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startBridge(options: StartBridgeOptions): Promise<RunningBridge> {
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token ?? newToken();
  const badToken = describeBadToken(token);
  if (badToken) throw new Error(`bad access token: ${badToken}`);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let demoServer: DemoServer | null = null;
  let demo2Server: DemoServer | null = null;
  let demoGobServer: DemoServer | null = null;
  // The glass-box demo's steps 4–9 go to the page connection each request came in on.
  const serverSteps = new ServerStepsRouter();
  if (!options.noDemo) {
    const demoPort = options.demoPort ?? DEFAULT_DEMO_PORT;
    demoServer = await startDemoServer({
      host: DEMO_HOST,
      port: demoPort,
      onServerSteps: serverSteps.deliver,
    }).catch((error) => {
      throw ListenError.from('demo', DEMO_HOST, demoPort, error);
    });
    const demo2Port = options.demo2Port ?? 0;
    try {
      demo2Server = await startDemoV2Server({ host: DEMO_HOST, port: demo2Port });
    } catch (error) {
      await demoServer.close();
      throw ListenError.from('demo2', DEMO_HOST, demo2Port, error);
    }
    const demoGobPort = options.demoGobPort ?? 0;
    try {
      demoGobServer = await startDemoGobServer({
        host: DEMO_HOST,
        port: demoGobPort,
        onServerSteps: serverSteps.deliver,
      });
    } catch (error) {
      await Promise.all([demoServer.close(), demo2Server.close()]);
      throw ListenError.from('demoGob', DEMO_HOST, demoGobPort, error);
    }
  }
  const demo = demoServer ? { host: demoServer.host, port: demoServer.port } : null;
  const demo2 = demo2Server ? { host: demo2Server.host, port: demo2Server.port } : null;
  const demoGob = demoGobServer ? { host: demoGobServer.host, port: demoGobServer.port } : null;
  const policy: TargetPolicy = { demo, demo2, demoGob, rules: options.allow ?? [] };

  const serveStatic = createStaticHandler(
    options.staticRoot === undefined ? DIST_WEB : options.staticRoot,
  );
  // Known once the port is: the access check answers only after listen.
  let upgrade: UpgradeContext | null = null;
  const headersMs = options.httpTimeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  // Node checks these timeouts only every connectionsCheckingInterval (30 s by default).
  const checkEveryMs = Math.min(1_000, headersMs / 2);
  const server = createServer({ connectionsCheckingInterval: checkEveryMs }, (req, res) => {
    if (upgrade && (req.url ?? '').split('?')[0] === ACCESS_CHECK_PATH) {
      answerAccessCheck(req, res, upgrade);
    } else {
      serveStatic(req, res);
    }
  });
  server.headersTimeout = headersMs;
  server.requestTimeout = options.httpTimeouts?.requestMs ?? REQUEST_TIMEOUT_MS;
  let port: number;
  try {
    port = await listen(server, host, options.port);
  } catch (error) {
    await Promise.all([demoServer?.close(), demo2Server?.close(), demoGobServer?.close()]);
    throw ListenError.from('bridge', host, options.port, error);
  }

  const bindName = stripBrackets(host).toLowerCase();
  const hostNames = [...LOOPBACK_NAMES];
  if (classifyAddress(bindName) !== 'unspecified' && !hostNames.includes(bindName)) {
    hostNames.push(bindName);
  }
  const allowOrigins = options.allowOrigins ?? [];
  upgrade = { port, hostNames, allowedOrigins: allowOrigins, token };
  const poll = new BusyPoll((options.busyPollUs ?? 0) / 1000);
  const endpoint = attachBridgeEndpoint(server, {
    policy,
    log,
    limits,
    upgrade,
    serverSteps,
    poll,
    demos: new DemoControl(
      {
        ...(demoServer ? { demo: demoServer } : {}),
        ...(demo2Server ? { demo2: demo2Server } : {}),
        ...(demoGobServer ? { demoGob: demoGobServer } : {}),
      },
      log,
    ),
  });

  const origin = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    // In the fragment, the token never reaches a server, a proxy or a log.
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    origin,
    token,
    limits,
    wsUrl: `ws://${urlHost(host)}:${port}${BRIDGE_PATH}`,
    host,
    port,
    demo,
    demo2,
    demoGob,
    allowed: describeAllowed(policy),
    origins: [origin, ...allowOrigins],
    close() {
      closing ??= (async () => {
        endpoint.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.all([demoServer?.close(), demo2Server?.close(), demoGobServer?.close()]);
      })();
      return closing;
    },
  };
}
