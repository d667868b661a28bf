import type { Target } from '../shared/protocol/bridge-protocol';
import { parseHostPort } from './policy/targets';

/** Command-line flags of `npm start`, parsed without side effects. */

export const DEFAULT_PORT = 7420;
export const DEFAULT_DEMO_PORT = 7421;
export const DEFAULT_HOST = '127.0.0.1';

export type CliOptions = {
  host: string;
  port: number;
  demoPort: number;
  demo: boolean;
  build: boolean;
  allow: Target[];
  allowOrigins: string[];
};

export type ParsedArgs =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: npm start -- [flags]

RPC Playground: serves the page and bridges its WebSocket to TCP RPC servers.

Flags:
  --port N               page and bridge port (default ${DEFAULT_PORT}; 0 = any free port)
  --host H               address to listen on (default ${DEFAULT_HOST}; anything but
                         loopback lets other machines reach the bridge)
  --demo-port N          embedded demo server port (default ${DEFAULT_DEMO_PORT}; 0 = any free port)
  --no-demo              do not start the embedded demo server
  --allow HOST:PORT      also allow this TCP target (repeatable; loopback is always allowed)
  --allow-origin ORIGIN  also accept WebSocket connections from this page origin
                         (repeatable; e.g. http://localhost:5173 for the Vite dev server)
  --no-build             serve dist/web as it is, without rebuilding the page
  --help                 show this text
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

const VALUE_FLAGS = new Set(['--port', '--host', '--demo-port', '--allow', '--allow-origin']);
const BOOLEAN_FLAGS = new Set(['--no-demo', '--no-build', '--help']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = {
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    demoPort: DEFAULT_DEMO_PORT,
    demo: true,
    build: true,
    allow: [],
    allowOrigins: [],
  };
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
      case '--port':
      case '--demo-port': {
        const port = parsePort(flag, value ?? '');
        if (typeof port === 'string') return error(port);
        if (flag === '--port') options.port = port;
        else options.demoPort = port;
        break;
      }
      case '--host':
        if (/[\s/]/.test(value ?? '')) return error(`--host needs an address, not "${value}"`);
        options.host = value ?? DEFAULT_HOST;
        break;
      case '--allow': {
        const target = parseHostPort(value ?? '');
        if (typeof target === 'string') return error(`--allow: ${target}`);
        options.allow.push(target);
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
      default:
        return error(`unknown flag "${arg}"`);
    }
  }
  return { kind: 'run', options };
}
