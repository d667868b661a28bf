import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { describeListenError, ListenError } from '../bridge/listen-error';
import {
  DEFAULT_DEMO_GOB_PORT,
  DEFAULT_DEMO_PORT,
  DEFAULT_DEMO2_PORT,
  DEFAULT_PORT,
  TOKEN_ENV,
} from '../bridge/options';
import { newToken, type RunningBridge, startBridge } from '../bridge/start';
import { TOKEN_FRAGMENT_KEY } from '../shared/protocol/access-token';
import { BRIDGE_PATH } from '../shared/protocol/bridge-protocol';

/**
 * `npm run dev`: Vite's dev server with hot reload for the page, and the
 * bridge beside it. Vite proxies BRIDGE_PATH to the bridge, so the page talks
 * to its own origin (BRIDGE_PATH and the access check under it); the bridge
 * accepts that origin explicitly. The access token works as with `npm start`:
 * printed once in the Open URL's fragment, fixed by RPC_PLAYGROUND_TOKEN.
 */

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE_PORT = 5173;

async function main(): Promise<void> {
  const bridgeOrigin = `http://127.0.0.1:${DEFAULT_PORT}`;
  const vite = await createServer({
    configFile: `${REPO_ROOT}vite.config.ts`,
    root: `${REPO_ROOT}web`,
    server: {
      port: VITE_PORT,
      strictPort: false,
      proxy: {
        // changeOrigin makes the Host header the bridge's own, which its DNS-rebinding check requires.
        [BRIDGE_PATH]: { target: bridgeOrigin, ws: true, changeOrigin: true },
      },
    },
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const vitePort = typeof address === 'object' && address ? address.port : VITE_PORT;

  let bridge: RunningBridge;
  try {
    bridge = await startBridge({
      token: process.env[TOKEN_ENV] || newToken(),
      port: DEFAULT_PORT,
      demoPort: DEFAULT_DEMO_PORT,
      demo2Port: DEFAULT_DEMO2_PORT,
      demoGobPort: DEFAULT_DEMO_GOB_PORT,
      staticRoot: null,
      allowOrigins: [`http://localhost:${vitePort}`, `http://127.0.0.1:${vitePort}`],
    });
  } catch (error) {
    await vite.close();
    if (error instanceof ListenError) {
      process.stderr.write(`${describeListenError(error)}\n`);
      process.exit(1);
    }
    throw error;
  }

  const viteUrl = vite.resolvedUrls?.local[0] ?? `http://localhost:${vitePort}/`;
  const pageUrl = `${viteUrl}#${TOKEN_FRAGMENT_KEY}=${bridge.token}`;
  process.stdout.write(
    [
      'RPC Playground dev mode is running.',
      `  Open:        ${pageUrl}  (Vite, hot reload)`,
      `  Bridge:      ${bridge.wsUrl}  (proxied at ${BRIDGE_PATH})`,
      `  Demo server: ${bridge.demo ? `${bridge.demo.host}:${bridge.demo.port}` : 'off'}`,
      `  Demo server 2: ${bridge.demo2 ? `${bridge.demo2.host}:${bridge.demo2.port}` : 'off'}`,
      `  Gob demo:    ${bridge.demoGob ? `${bridge.demoGob.host}:${bridge.demoGob.port}` : 'off'}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void Promise.all([bridge.close(), vite.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
