import { describe, expect, it } from 'vitest';
import { tokenProtocol } from '../../shared/protocol/access-token';
import { SUBPROTOCOL } from '../../shared/protocol/bridge-protocol';
import {
  checkAccess,
  checkUpgrade,
  LOOPBACK_NAMES,
  type UpgradeContext,
  type UpgradeHeaders,
} from './upgrade-policy';

const context: UpgradeContext = {
  port: 7420,
  hostNames: LOOPBACK_NAMES,
  allowedOrigins: ['http://localhost:5173'],
  token: 'the-right-token-0123456789',
};
const withToken = (protocols: string) => `${protocols}, ${tokenProtocol(context.token)}`;

const good: UpgradeHeaders = {
  url: '/bridge',
  host: '127.0.0.1:7420',
  origin: 'http://127.0.0.1:7420',
  protocols: withToken(SUBPROTOCOL),
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
    expect(
      check({ origin: 'http://localhost:5173', protocols: withToken(`other, ${SUBPROTOCOL}`) }),
    ).toEqual({
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

  it('refuses a missing or wrong token with 403 and says to open the printed URL', () => {
    expect(check({ protocols: SUBPROTOCOL })).toEqual({
      ok: false,
      status: 403,
      reason: expect.stringContaining('presented no access token; open the URL the bridge printed'),
    });
    for (const token of [
      'the-right-token-012345678',
      'the-right-token-01234567890',
      'x'.repeat(26),
    ]) {
      expect(check({ protocols: `${SUBPROTOCOL}, ${tokenProtocol(token)}` })).toEqual({
        ok: false,
        status: 403,
        reason: expect.stringContaining("this page's access token was refused"),
      });
    }
  });

  it('checks Host, Origin and subprotocol before the token', () => {
    expect(check({ host: 'evil.example:7420', protocols: SUBPROTOCOL })).toMatchObject({
      reason: expect.stringContaining('is not this bridge'),
    });
    expect(check({ origin: 'https://evil.example', protocols: SUBPROTOCOL })).toMatchObject({
      reason: expect.stringContaining('is not allowed'),
    });
  });
});

describe('checkAccess', () => {
  const access = (overrides: Partial<Parameters<typeof checkAccess>[0]>) =>
    checkAccess(
      { host: good.host, origin: undefined, token: context.token, ...overrides },
      context,
    );

  it('accepts the right token from our Host, with or without an Origin', () => {
    expect(access({})).toEqual({ ok: true });
    expect(access({ origin: 'http://127.0.0.1:7420' })).toEqual({ ok: true });
  });

  it('says why the token or the request is refused', () => {
    expect(access({ token: undefined })).toMatchObject({ ok: false, status: 403 });
    expect(access({ token: 'wrong-token-0123456789' })).toMatchObject({
      reason: expect.stringContaining('access token was refused'),
    });
    expect(access({ host: 'rebound.example:7420' })).toMatchObject({
      reason: expect.stringContaining('is not this bridge'),
    });
    expect(access({ origin: 'https://evil.example' })).toMatchObject({ ok: false, status: 403 });
  });
});
