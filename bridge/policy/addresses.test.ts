import { describe, expect, it } from 'vitest';
import { addressBits, classifyAddress, inPrefix, normalizeAddress } from './addresses';

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
    ['169.254.169.254', 'link-local'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['ff02::1', 'multicast'],
    ['10.0.0.1', 'other'],
    ['fec0::1', 'other'],
    ['::ffff:10.0.0.1', 'other'],
    ['128.0.0.1', 'other'],
    ['db.internal', 'other'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('inPrefix', () => {
  const bits = (a: string) => addressBits(a) ?? { family: 4 as const, value: -1n };
  it('compares only the prefix, and never across families', () => {
    expect(inPrefix(bits('10.200.3.4'), bits('10.0.0.0'), 8)).toBe(true);
    expect(inPrefix(bits('11.0.0.1'), bits('10.0.0.0'), 8)).toBe(false);
    expect(inPrefix(bits('1.2.3.4'), bits('0.0.0.0'), 0)).toBe(true);
    expect(inPrefix(bits('fd12::1'), bits('fd00::'), 8)).toBe(true);
    expect(inPrefix(bits('fe00::1'), bits('fd00::'), 8)).toBe(false);
    expect(inPrefix(bits('::ffff:10.0.0.1'), bits('10.0.0.0'), 8)).toBe(true);
    expect(inPrefix(bits('10.0.0.1'), bits('::'), 0)).toBe(false);
  });
});
