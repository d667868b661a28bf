import { describe, expect, it } from 'vitest';
import type { TargetPolicy } from '../policy/targets';
import { type LookupAll, resolveAllowedTarget } from './resolve-target';

const policy: TargetPolicy = { demo: null, rules: [] };
const resolvesTo =
  (...addresses: string[]): LookupAll =>
  async () =>
    addresses;

describe('resolveAllowedTarget', () => {
  it('returns the checked addresses of a loopback name', async () => {
    expect(
      await resolveAllowedTarget(
        policy,
        { host: 'localhost', port: 9 },
        resolvesTo('::1', '127.0.0.1'),
      ),
    ).toEqual({ ok: true, addresses: ['::1', '127.0.0.1'] });
  });

  it('reports a failed lookup as dns-failed', async () => {
    const failing: LookupAll = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    };
    expect(await resolveAllowedTarget(policy, { host: 'nope.invalid', port: 80 }, failing)).toEqual(
      {
        ok: false,
        code: 'dns-failed',
        message: 'could not resolve nope.invalid (ENOTFOUND); check the host name',
      },
    );
  });

  it('refuses a name that rebinds to a private address', async () => {
    const result = await resolveAllowedTarget(
      policy,
      { host: 'rebind.example', port: 80 },
      resolvesTo('192.168.0.1'),
    );
    expect(result).toMatchObject({ ok: false, code: 'target-not-allowed' });
  });

  it('refuses a host that is no host name before looking it up', async () => {
    const neverCalled: LookupAll = async () => {
      throw new Error('lookup must not run');
    };
    for (const host of ['http://x', 'a b', 'x/y']) {
      expect(await resolveAllowedTarget(policy, { host, port: 80 }, neverCalled)).toMatchObject({
        ok: false,
        code: 'bad-target',
      });
    }
  });
});
