import { describe, expect, it } from 'vitest';
import { type AllowRule, formatRule, parseAllowRule, ruleAllows } from './allow-rules';

const rule = (text: string): AllowRule => {
  const parsed = parseAllowRule(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('parseAllowRule', () => {
  it.each([
    ['Example.com:80', 'example.com:80'],
    ['10.0.0.5:9000', '10.0.0.5:9000'],
    ['[::1]:7', '[::1]:7'],
    ['127.0.0.1:9000-9100', '127.0.0.1:9000-9100'],
    ['10.0.0.0/8:9000', '10.0.0.0/8:9000'],
    ['10.0.0.0/8:9000-9100', '10.0.0.0/8:9000-9100'],
    ['[fd00::]/8:443', '[fd00::]/8:443'],
    ['[fd00::/8]:443', '[fd00::]/8:443'],
    ['[::ffff:10.0.0.5]:1', '10.0.0.5:1'],
    ['169.254.169.254:80', '169.254.169.254:80'],
    ['0.0.0.0/0:443', '0.0.0.0/0:443'],
  ])('reads %s as %s', (text, formatted) => {
    expect(formatRule(rule(text))).toBe(formatted);
  });

  it.each([
    ['example.com', 'is not HOST:PORT'],
    [':80', 'is not HOST:PORT'],
    ['a:b', 'is not a port'],
    ['[nope]:80', 'is not an IPv6 address'],
    ['a:70000', 'port 70000 is not from 1 to 65535'],
    ['a:0', 'port 0 is not from 1 to 65535'],
    ['a:9100-9000', 'is backwards'],
    ['a:1-2-3', 'is not a port'],
    ['http://a:80', 'is not HOST:PORT'],
    ['10.0.0.0/33:80', 'is not a prefix length from 0 to 32'],
    ['[fd00::]/129:80', 'is not a prefix length from 0 to 128'],
    ['10.0.0.1/8:80', 'has bits set after the prefix'],
    ['example.com/8:80', 'cannot take a /prefix'],
    ['0.0.0.0:80', 'never a target'],
    ['bad_name!:80', 'is not a host name'],
    ['[fd00::]/8/8:80', 'is not HOST:PORT'],
  ])('fails closed on %s with a sentence (%s)', (text, reason) => {
    const parsed = parseAllowRule(text);
    expect(typeof parsed).toBe('string');
    expect(parsed).toContain(reason);
  });
});

describe('ruleAllows', () => {
  it('checks the port range at both ends', () => {
    const r = rule('10.0.0.5:9000-9100');
    expect(ruleAllows(r, '10.0.0.5', '10.0.0.5', 8999)).toBe(false);
    expect(ruleAllows(r, '10.0.0.5', '10.0.0.5', 9000)).toBe(true);
    expect(ruleAllows(r, '10.0.0.5', '10.0.0.5', 9100)).toBe(true);
    expect(ruleAllows(r, '10.0.0.5', '10.0.0.5', 9101)).toBe(false);
  });

  it('matches any address inside a CIDR block, v4 and v6', () => {
    expect(ruleAllows(rule('10.0.0.0/8:9000'), 'x', '10.255.0.1', 9000)).toBe(true);
    expect(ruleAllows(rule('10.0.0.0/8:9000'), 'x', '11.0.0.1', 9000)).toBe(false);
    expect(ruleAllows(rule('[fd00::]/8:443'), 'x', 'fd12:3456::1', 443)).toBe(true);
    expect(ruleAllows(rule('[fd00::]/8:443'), 'x', '10.0.0.1', 443)).toBe(false);
  });

  it('matches a name rule by the requested name only', () => {
    expect(ruleAllows(rule('db.internal:5432'), 'db.internal', '10.9.9.9', 5432)).toBe(true);
    expect(ruleAllows(rule('db.internal:5432'), 'other.internal', '10.9.9.9', 5432)).toBe(false);
  });

  it('opens link-local only by a rule wholly inside the link-local range', () => {
    const metadata = '169.254.169.254';
    expect(ruleAllows(rule('0.0.0.0/0:80'), metadata, metadata, 80)).toBe(false);
    expect(ruleAllows(rule('169.0.0.0/8:80'), metadata, metadata, 80)).toBe(false);
    expect(ruleAllows(rule('evil.test:80'), 'evil.test', metadata, 80)).toBe(false);
    expect(ruleAllows(rule('169.254.169.254:80'), metadata, metadata, 80)).toBe(true);
    expect(ruleAllows(rule('169.254.0.0/16:80'), metadata, metadata, 80)).toBe(true);
    expect(ruleAllows(rule('[fe80::]/10:80'), 'x', 'fe80::1', 80)).toBe(true);
    expect(ruleAllows(rule('[::]/0:80'), 'x', 'fe80::1', 80)).toBe(false);
  });
});
