import type { Target } from '../../shared/protocol/bridge-protocol';
import { classifyAddress, normalizeAddress, stripBrackets } from './addresses';
import { type AllowRule, formatRule, ruleAllows } from './allow-rules';

/**
 * Which TCP targets the bridge may reach. Threat: any web page in the browser
 * could use the bridge as a pivot into this machine's network, so targets are
 * deny-by-default: loopback, the embedded demo, and each `--allow` rule.
 * The caller resolves a name once, passes every address here, and connects
 * only to an address this module accepted.
 */

export type TargetPolicy = {
  demo: Target | null;
  /** The JSON-RPC 2.0 demo, when one runs; allowed like `demo`. */
  demo2?: Target | null;
  /** The gob demo, when one runs; allowed like `demo`. */
  demoGob?: Target | null;
  rules: readonly AllowRule[];
};

function isDemo(demo: Target | null | undefined, address: string, port: number): boolean {
  return demo != null && normalizeAddress(demo.host) === address && demo.port === port;
}

export type TargetDecision = { ok: true; addresses: string[] } | { ok: false; reason: string };

export function formatTarget(target: Target): string {
  return target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
}

/** Why an address of this class is refused whatever the rules say, or null if rules decide. */
function neverReason(kind: ReturnType<typeof classifyAddress>, label: string, address: string) {
  if (kind === 'unspecified') {
    return `${label} means "any address" (${address}), which is never a valid target; use 127.0.0.1 to reach this machine`;
  }
  if (kind === 'multicast') {
    return `${label} resolves to ${address}, a multicast or reserved address, which TCP cannot reach`;
  }
  return null;
}

/**
 * Decides whether the page may reach `request`, given every address its host
 * resolved to. One refused address refuses the whole target, so a name cannot
 * mix an allowed address with a forbidden one.
 */
export function checkTarget(
  policy: TargetPolicy,
  request: Target,
  resolved: readonly string[],
): TargetDecision {
  const host = normalizeAddress(stripBrackets(request.host));
  const label = formatTarget({ host, port: request.port });
  if (resolved.length === 0) return { ok: false, reason: `${host} resolved to no address` };
  const addresses: string[] = [];
  for (const raw of resolved) {
    const address = normalizeAddress(raw);
    const kind = classifyAddress(address);
    const never = neverReason(kind, label, address);
    if (never) return { ok: false, reason: never };
    const allowed =
      kind === 'loopback' ||
      isDemo(policy.demo, address, request.port) ||
      isDemo(policy.demo2, address, request.port) ||
      isDemo(policy.demoGob, address, request.port) ||
      policy.rules.some((rule) => ruleAllows(rule, host, address, request.port));
    if (!allowed) {
      const via = address === host ? '' : ` (it resolves to ${address})`;
      const exact = formatTarget({ host: address, port: request.port });
      const hint =
        kind === 'link-local'
          ? `${address} is link-local (cloud metadata lives there); only --allow ${exact} opens it`
          : `start it with --allow ${label} to allow this target`;
      return {
        ok: false,
        reason: `${label} is not an allowed target${via}: the bridge reaches loopback and the demo server only; ${hint}`,
      };
    }
    if (!addresses.includes(address)) addresses.push(address);
  }
  return { ok: true, addresses };
}

/** The human-readable list sent in `welcome` and printed at start-up. */
export function describeAllowed(policy: TargetPolicy): string[] {
  const list = ['loopback'];
  if (policy.demo) list.push(formatTarget(policy.demo));
  if (policy.demo2) list.push(formatTarget(policy.demo2));
  if (policy.demoGob) list.push(formatTarget(policy.demoGob));
  for (const rule of policy.rules) list.push(formatRule(rule));
  return list;
}
