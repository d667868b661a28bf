import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PORT, DEFAULT_HOST, DEFAULT_PORT, parseArgs, USAGE } from './options';

function run(argv: string[]) {
  const parsed = parseArgs(argv);
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
      demo: true,
      build: true,
      allow: [],
      allowOrigins: [],
    });
  });

  it('reads every flag, in both "--flag value" and "--flag=value" forms', () => {
    expect(
      run([
        '--port',
        '0',
        '--host=::1',
        '--demo-port=9001',
        '--no-demo',
        '--no-build',
        '--allow',
        'db.internal:5432',
        '--allow=[fd00::5]:9000',
        '--allow-origin',
        'http://localhost:5173',
        '--allow-origin=HTTP://Example.test:8080/',
      ]),
    ).toEqual({
      host: '::1',
      port: 0,
      demoPort: 9001,
      demo: false,
      build: false,
      allow: [
        { host: 'db.internal', port: 5432 },
        { host: 'fd00::5', port: 9000 },
      ],
      allowOrigins: ['http://localhost:5173', 'http://example.test:8080'],
    });
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
      '--no-demo',
      '--allow ',
      '--allow-origin',
      '--no-build',
      '--help',
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
    [['--allow', 'example.com'], 'is not HOST:PORT'],
    [['--allow', '::1:80'], 'write IPv6 addresses in brackets'],
    [['--allow', 'example.com:0'], 'port 0 is not from 1 to 65535'],
    [['--allow-origin', 'localhost:5173'], '--allow-origin needs an origin'],
    [['--allow-origin', 'http://localhost:5173/app'], '--allow-origin needs an origin'],
    [['--allow-origin', 'file:///tmp/x'], '--allow-origin needs an origin'],
    [['--no-demo=yes'], '--no-demo takes no value'],
    [['--host', 'a b'], '--host needs an address'],
  ])('refuses %j with a hint to use --help', (argv, message) => {
    const error = errorOf(argv);
    expect(error).toContain(message);
    expect(error).toContain('--help');
    expect(error).not.toContain('\n');
  });
});
