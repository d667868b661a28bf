import { lookup } from 'node:dns/promises';
import type { ErrorCode, Target } from '../../shared/protocol/bridge-protocol';
import { stripBrackets } from '../policy/addresses';
import { checkTarget, type TargetPolicy } from '../policy/targets';

/** Resolves every address of a host name, as `dns.lookup(name, { all: true })` does. */
export type LookupAll = (host: string) => Promise<string[]>;

export const lookupAll: LookupAll = async (host) =>
  (await lookup(host, { all: true })).map((entry) => entry.address);

export type ResolvedTarget =
  | { ok: true; addresses: string[] }
  | { ok: false; code: ErrorCode; message: string };

const HOST_CHARACTERS = /^[a-z0-9._:%-]+$/i;

/**
 * Resolves the page's target once and checks every address against the
 * policy. The caller must connect only to the returned addresses, so a second
 * lookup (DNS rebinding) cannot swap in an address that was never checked.
 */
export async function resolveAllowedTarget(
  policy: TargetPolicy,
  target: Target,
  lookupHost: LookupAll = lookupAll,
): Promise<ResolvedTarget> {
  const host = stripBrackets(target.host);
  if (!HOST_CHARACTERS.test(host)) {
    return {
      ok: false,
      code: 'bad-target',
      message: `"${target.host}" is not a host name or IP address`,
    };
  }
  let resolved: string[];
  try {
    resolved = await lookupHost(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      code: 'dns-failed',
      message: `could not resolve ${host} (${code}); check the host name`,
    };
  }
  const decision = checkTarget(policy, target, resolved);
  if (!decision.ok) return { ok: false, code: 'target-not-allowed', message: decision.reason };
  return { ok: true, addresses: decision.addresses };
}
