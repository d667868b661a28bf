import { describe, expect, it } from 'vitest';
import { type AllowRule, parseAllowRule } from './allow-rules';
import { checkTarget, describeAllowed, type TargetPolicy } from './targets';

const rule = (text: string): AllowRule => {
  const parsed = parseAllowRule(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

const policy: TargetPolicy = {
  demo: { host: '127.0.0.1', port: 7421 },
  demo2: { host: '127.0.0.1', port: 7422 },
  rules: [
    rule('db.internal:5432'),
    rule('10.0.0.5:9000'),
    rule('[fd00::5]:9000'),
    rule('192.168.0.0/16:8000-8010'),
    rule('169.254.169.254:80'),
  ],
};

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

  it('allows a CIDR rule with a port range, for names that resolve inside it', () => {
    expect(checkTarget(policy, { host: '192.168.4.2', port: 8005 }, ['192.168.4.2']).ok).toBe(true);
    expect(checkTarget(policy, { host: 'lan.test', port: 8010 }, ['::ffff:192.168.9.9']).ok).toBe(
      true,
    );
    expect(checkTarget(policy, { host: '192.168.4.2', port: 8011 }, ['192.168.4.2']).ok).toBe(
      false,
    );
  });

  it('refuses link-local unless exactly allowed, and says so', () => {
    expect(checkTarget(policy, { host: '169.254.169.254', port: 80 }, ['169.254.169.254']).ok).toBe(
      true,
    );
    const other = checkTarget(policy, { host: 'meta.test', port: 80 }, ['169.254.1.1']);
    expect(other).toEqual({
      ok: false,
      reason: expect.stringContaining('169.254.1.1 is link-local'),
    });
  });

  it('refuses multicast and broadcast addresses whatever the rules say', () => {
    const wide: TargetPolicy = { demo: null, rules: [rule('0.0.0.0/0:80')] };
    expect(checkTarget(wide, { host: '10.1.1.1', port: 80 }, ['10.1.1.1']).ok).toBe(true);
    for (const address of ['224.0.0.1', '255.255.255.255', '0.0.0.0']) {
      expect(checkTarget(wide, { host: address, port: 80 }, [address]).ok).toBe(false);
    }
  });

  it('refuses a name that resolved to nothing', () => {
    expect(checkTarget(policy, { host: 'empty.test', port: 80 }, []).ok).toBe(false);
  });
});

describe('describeAllowed', () => {
  it('lists loopback, both demos and each rule', () => {
    expect(describeAllowed(policy)).toEqual([
      'loopback',
      '127.0.0.1:7421',
      '127.0.0.1:7422',
      'db.internal:5432',
      '10.0.0.5:9000',
      '[fd00::5]:9000',
      '192.168.0.0/16:8000-8010',
      '169.254.169.254:80',
    ]);
  });
});
