import { describe, expect, it } from 'vitest';
import {
  checkTarget,
  classifyAddress,
  describeAllowed,
  normalizeAddress,
  parseHostPort,
  type TargetPolicy,
} from './targets';

const policy: TargetPolicy = {
  demo: { host: '127.0.0.1', port: 7421 },
  rules: [
    { host: 'db.internal', port: 5432 },
    { host: '10.0.0.5', port: 9000 },
    { host: 'fd00::5', port: 9000 },
  ],
};

describe('normalizeAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:7f00:1', '127.0.0.1'],
    ['0:0:0:0:0:ffff:0a00:0005', '10.0.0.5'],
    ['[::1]', '::1'],
    ['LOCALHOST', 'localhost'],
    ['10.1.2.3', '10.1.2.3'],
  ])('%s → %s', (input, output) => {
    expect(normalizeAddress(input)).toBe(output);
  });
});

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.2', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['10.0.0.1', 'other'],
    ['169.254.169.254', 'other'],
    ['fe80::1', 'other'],
    ['::ffff:10.0.0.1', 'other'],
    ['128.0.0.1', 'other'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('checkTarget', () => {
  it('allows loopback on any port, v4, v6 and IPv4-mapped', () => {
    expect(checkTarget(policy, { host: '127.0.0.1', port: 9 }, ['127.0.0.1'])).toEqual({
      ok: true,
      addresses: ['127.0.0.1'],
    });
    expect(checkTarget(policy, { host: '[::1]', port: 80 }, ['::1'])).toEqual({
      ok: true,
      addresses: ['::1'],
    });
    expect(
      checkTarget(policy, { host: '::ffff:127.0.0.1', port: 80 }, ['::ffff:127.0.0.1']),
    ).toEqual({ ok: true, addresses: ['127.0.0.1'] });
    expect(checkTarget(policy, { host: 'localhost', port: 1 }, ['::1', '127.0.0.1'])).toEqual({
      ok: true,
      addresses: ['::1', '127.0.0.1'],
    });
  });

  it('refuses 0.0.0.0 and :: even though they reach this machine, with a reason', () => {
    for (const host of ['0.0.0.0', '::']) {
      const decision = checkTarget(policy, { host, port: 7421 }, [host]);
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.reason).toContain('never a valid target');
    }
  });

  it('refuses an address outside loopback and says which flag allows it', () => {
    const decision = checkTarget(policy, { host: '10.0.0.1', port: 80 }, ['10.0.0.1']);
    expect(decision).toEqual({
      ok: false,
      reason: expect.stringContaining('start it with --allow 10.0.0.1:80'),
    });
  });

  it('allows an --allow entry on its exact port only', () => {
    expect(checkTarget(policy, { host: '10.0.0.5', port: 9000 }, ['10.0.0.5']).ok).toBe(true);
    expect(checkTarget(policy, { host: '10.0.0.5', port: 9001 }, ['10.0.0.5']).ok).toBe(false);
    expect(checkTarget(policy, { host: '[fd00::5]', port: 9000 }, ['fd00::5']).ok).toBe(true);
  });

  it('allows a named --allow entry whatever it resolves to, and its address by IP too', () => {
    expect(checkTarget(policy, { host: 'DB.internal', port: 5432 }, ['10.9.9.9']).ok).toBe(true);
    expect(checkTarget(policy, { host: 'alias.test', port: 9000 }, ['10.0.0.5']).ok).toBe(true);
  });

  it('refuses a name when any one of its addresses is not allowed', () => {
    const decision = checkTarget(policy, { host: 'mixed.test', port: 80 }, [
      '127.0.0.1',
      '192.168.1.9',
    ]);
    expect(decision).toEqual({
      ok: false,
      reason: expect.stringContaining(
        'mixed.test:80 is not an allowed target (it resolves to 192.168.1.9)',
      ),
    });
  });

  it('refuses a name that resolved to nothing', () => {
    expect(checkTarget(policy, { host: 'empty.test', port: 80 }, []).ok).toBe(false);
  });
});

describe('describeAllowed', () => {
  it('lists loopback, the demo and each rule', () => {
    expect(describeAllowed(policy)).toEqual([
      'loopback',
      '127.0.0.1:7421',
      'db.internal:5432',
      '10.0.0.5:9000',
      '[fd00::5]:9000',
    ]);
  });
});

describe('parseHostPort', () => {
  it('reads names, IPv4 and bracketed IPv6', () => {
    expect(parseHostPort('Example.com:80')).toEqual({ host: 'example.com', port: 80 });
    expect(parseHostPort('10.0.0.5:9000')).toEqual({ host: '10.0.0.5', port: 9000 });
    expect(parseHostPort('[::1]:7')).toEqual({ host: '::1', port: 7 });
  });

  it('refuses what is not HOST:PORT', () => {
    for (const text of ['example.com', ':80', 'a:b', '[nope]:80', 'a:70000', 'http://a:80']) {
      expect(typeof parseHostPort(text)).toBe('string');
    }
  });
});
