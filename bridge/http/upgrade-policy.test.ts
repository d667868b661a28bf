import { describe, expect, it } from 'vitest';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import {
  checkUpgrade,
  LOOPBACK_NAMES,
  type UpgradeContext,
  type UpgradeHeaders,
} from './upgrade-policy';

const context: UpgradeContext = {
  port: 7420,
  hostNames: LOOPBACK_NAMES,
  allowedOrigins: ['http://localhost:5173'],
};

const good: UpgradeHeaders = {
  url: '/bridge',
  host: '127.0.0.1:7420',
  origin: 'http://127.0.0.1:7420',
  protocols: SUBPROTOCOL,
};

const check = (overrides: Partial<UpgradeHeaders>) =>
  checkUpgrade({ ...good, ...overrides }, context);

describe('checkUpgrade', () => {
  it('accepts the page we serve, under each loopback name', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ host: 'localhost:7420', origin: 'http://localhost:7420' })).toEqual({
      ok: true,
    });
    expect(check({ host: '[::1]:7420', origin: 'http://[::1]:7420' })).toEqual({ ok: true });
    expect(check({ url: '/bridge?reconnect=1' })).toEqual({ ok: true });
  });

  it('accepts an origin allowed by flag, and several offered subprotocols', () => {
    expect(check({ origin: 'http://localhost:5173', protocols: `other, ${SUBPROTOCOL}` })).toEqual({
      ok: true,
    });
  });

  it('answers 404 for any other path', () => {
    expect(check({ url: '/bridge/x' })).toMatchObject({ ok: false, status: 404 });
  });

  it.each<[string | undefined, string]>([
    ['evil.example:7420', 'a rebinding name'],
    ['127.0.0.1:7421', 'another port'],
    ['127.0.0.1', 'no port'],
    ['10.0.0.2:7420', 'a non-loopback address'],
    [undefined, 'no Host header'],
  ])('refuses Host %s (%s) with 403', (host) => {
    expect(check({ host })).toEqual({
      ok: false,
      status: 403,
      reason: expect.stringContaining('is not this bridge'),
    });
  });

  it.each([
    ['https://evil.example'],
    ['http://127.0.0.1:7421'],
    ['http://127.0.0.1:7420.evil.example'],
    ['null'],
  ])('refuses Origin %s with 403 and says how to allow it', (origin) => {
    expect(check({ origin })).toEqual({
      ok: false,
      status: 403,
      reason: expect.stringContaining(`--allow-origin ${origin}`),
    });
  });

  it('refuses a missing Origin', () => {
    expect(check({ origin: undefined })).toEqual({
      ok: false,
      status: 403,
      reason: 'missing Origin header',
    });
  });

  it('refuses a client that does not offer the subprotocol', () => {
    for (const protocols of [undefined, 'rpc-playground.v0', 'chat']) {
      expect(check({ protocols })).toEqual({
        ok: false,
        status: 400,
        reason: expect.stringContaining(SUBPROTOCOL),
      });
    }
  });

  it('accepts a non-loopback bind address only when it is one of our names', () => {
    const lan = { ...context, hostNames: [...LOOPBACK_NAMES, '192.168.1.5'] };
    expect(
      checkUpgrade({ ...good, host: '192.168.1.5:7420', origin: 'http://192.168.1.5:7420' }, lan),
    ).toEqual({ ok: true });
  });
});
