import { describe, expect, it } from 'vitest';
import { parseTargetAddress } from './target-address';

describe('parseTargetAddress', () => {
  it('reads host:port and bracketed IPv6', () => {
    expect(parseTargetAddress(' 127.0.0.1:7421 ')).toEqual({ host: '127.0.0.1', port: 7421 });
    expect(parseTargetAddress('localhost:80')).toEqual({ host: 'localhost', port: 80 });
    expect(parseTargetAddress('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
  });

  it('explains what is wrong', () => {
    expect(parseTargetAddress(' ')).toEqual({ problem: { code: 'empty' } });
    expect(parseTargetAddress(' 127.0.0.1 ')).toEqual({
      problem: { code: 'not-host-port', typed: '127.0.0.1' },
    });
    expect(parseTargetAddress('h:0')).toEqual({ problem: { code: 'port-range', port: '0' } });
    expect(parseTargetAddress('h:70000')).toEqual({
      problem: { code: 'port-range', port: '70000' },
    });
  });
});
