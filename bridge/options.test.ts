import { describe, expect, it } from 'vitest';
import { LIMIT_FLAGS } from './limits';
import {
  DEFAULT_BUSY_POLL_US,
  DEFAULT_DEMO_GOB_PORT,
  DEFAULT_DEMO_PORT,
  DEFAULT_DEMO2_PORT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  parseArgs,
  USAGE,
} from './options';
import { formatRule } from './policy/allow-rules';

function run(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseArgs(argv, env);
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function errorOf(argv: string[]): string {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

describe('parseArgs', () => {
  it('defaults to loopback, the standard ports, the demo and a build', () => {
    expect(run([])).toEqual({
      host: DEFAULT_HOST,
      port: DEFAULT_PORT,
      demoPort: DEFAULT_DEMO_PORT,
      demo2Port: DEFAULT_DEMO2_PORT,
      demoGobPort: DEFAULT_DEMO_GOB_PORT,
      demo: true,
      build: true,
      allow: [],
      allowOrigins: [],
      token: null,
      limits: {},
      busyPollUs: DEFAULT_BUSY_POLL_US,
    });
  });

  it('reads every flag, in both "--flag value" and "--flag=value" forms', () => {
    const options = run([
      '--port',
      '0',
      '--host=::1',
      '--demo-port=9001',
      '--demo2-port',
      '9002',
      '--demo-gob-port=9003',
      '--no-demo',
      '--no-build',
      '--allow',
      'db.internal:5432',
      '--allow=[fd00::5]:9000',
      '--allow-origin',
      'http://localhost:5173',
      '--allow-origin=HTTP://Example.test:8080/',
      '--allow',
      '10.0.0.0/8:9000-9100',
      '--token',
      'a-fixed-token-0123456789',
      '--busy-poll=300',
    ]);
    expect({ ...options, allow: options.allow.map(formatRule) }).toEqual({
      host: '::1',
      port: 0,
      demoPort: 9001,
      demo2Port: 9002,
      demoGobPort: 9003,
      demo: false,
      build: false,
      allow: ['db.internal:5432', '[fd00::5]:9000', '10.0.0.0/8:9000-9100'],
      allowOrigins: ['http://localhost:5173', 'http://example.test:8080'],
      token: 'a-fixed-token-0123456789',
      limits: {},
      busyPollUs: 300,
    });
  });

  it('reads every limit flag in its unit', () => {
    expect(
      run([
        '--max-pages=3',
        '--max-conns-per-page',
        '2',
        '--max-conns=10',
        '--max-buffered=64K',
        '--max-message',
        '2M',
        '--connect-timeout=0.25',
        '--idle-timeout',
        '90',
        '--heartbeat=5',
      ]).limits,
    ).toEqual({
      maxPages: 3,
      maxConnsPerPage: 2,
      maxConns: 10,
      maxBufferedBytes: 64 * 1024,
      maxMessageBytes: 2 * 1024 * 1024,
      connectTimeoutMs: 250,
      idleTimeoutMs: 90_000,
      heartbeatIntervalMs: 5_000,
    });
  });

  it('puts the JSON-RPC 2.0 demo on 7422 unless --demo2-port says otherwise (0: any free port)', () => {
    expect(DEFAULT_DEMO2_PORT).toBe(7422);
    expect(run(['--demo2-port', '0']).demo2Port).toBe(0);
    expect(run(['--demo2-port=65535']).demo2Port).toBe(65535);
    expect(run(['--demo-gob-port', '0']).demoGobPort).toBe(0);
    expect(DEFAULT_DEMO_GOB_PORT).toBe(7423);
    expect(run(['--no-demo']).demo).toBe(false);
  });

  it('takes the token from RPC_PLAYGROUND_TOKEN unless --token is given', () => {
    const env = { RPC_PLAYGROUND_TOKEN: 'env-token-0123456789' };
    expect(run([], env).token).toBe('env-token-0123456789');
    expect(run(['--token', 'flag-token-0123456789'], env).token).toBe('flag-token-0123456789');
  });

  it('listens beyond loopback only with --expose', () => {
    expect(run(['--host', '::1']).host).toBe('::1');
    expect(run(['--host', 'localhost']).host).toBe('localhost');
    expect(run(['--host', '0.0.0.0', '--expose']).host).toBe('0.0.0.0');
  });

  it('answers --help and -h with help', () => {
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--port', '1', '-h'])).toEqual({ kind: 'help' });
  });

  it('lists every flag in the usage text', () => {
    for (const flag of [
      '--port',
      '--host',
      '--demo-port',
      '--demo2-port',
      '--no-demo',
      '--allow ',
      '--allow-origin',
      '--no-build',
      '--help',
      '--expose',
      '--token',
      '--busy-poll',
      ...Object.values(LIMIT_FLAGS),
    ]) {
      expect(USAGE).toContain(flag);
    }
  });

  it.each([
    [['--bogus'], 'unknown flag "--bogus"'],
    [['--port'], '--port needs a value'],
    [['--port', 'abc'], '--port needs a port from 0 to 65535, not "abc"'],
    [['--port', '65536'], 'not "65536"'],
    [['--port', '-1'], 'not "-1"'],
    [['--demo-port', '1.5'], '--demo-port needs a port'],
    [['--demo2-port', '70000'], '--demo2-port needs a port from 0 to 65535, not "70000"'],
    [['--demo2-port'], '--demo2-port needs a value'],
    [['--allow', 'example.com'], 'is not HOST:PORT'],
    [['--allow', '::1:80'], 'is not HOST:PORT'],
    [['--allow', '10.0.0.1/8:80'], 'has bits set after the prefix'],
    [['--host', '0.0.0.0'], '--host 0.0.0.0 is not loopback'],
    [['--host', '192.168.1.5'], 'add --expose'],
    [['--token', 'short'], '--token (or RPC_PLAYGROUND_TOKEN): a token needs at least 16'],
    [['--token', 'has spaces in it, sadly'], 'only letters'],
    [['--max-pages', '0'], '--max-pages needs a count above 0'],
    [['--max-buffered', '8G'], '--max-buffered needs a byte count'],
    [['--idle-timeout', '-1'], '--idle-timeout needs seconds'],
    [['--heartbeat', 'often'], '--heartbeat needs seconds'],
    [['--expose=yes'], '--expose takes no value'],
    [['--allow', 'example.com:0'], 'port 0 is not from 1 to 65535'],
    [['--allow-origin', 'localhost:5173'], '--allow-origin needs an origin'],
    [['--allow-origin', 'http://localhost:5173/app'], '--allow-origin needs an origin'],
    [['--allow-origin', 'file:///tmp/x'], '--allow-origin needs an origin'],
    [['--no-demo=yes'], '--no-demo takes no value'],
    [['--host', 'a b'], '--host needs an address'],
    [['--busy-poll', '-5'], '--busy-poll needs microseconds from 0 to 100000, not "-5"'],
    [['--busy-poll', '0.5'], '--busy-poll needs microseconds'],
    [['--busy-poll', '100001'], '--busy-poll needs microseconds'],
  ])('refuses %j with a hint to use --help', (argv, message) => {
    const error = errorOf(argv);
    expect(error).toContain(message);
    expect(error).toContain('--help');
    expect(error).not.toContain('\n');
  });
});
