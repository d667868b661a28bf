import { isIPv4, isIPv6 } from 'node:net';
import type { Target } from '../../shared/protocol/bridge-protocol';

/**
 * Which TCP targets the bridge may reach. Threat: any web page in the browser
 * could use the bridge as a pivot into this machine's network, so targets are
 * deny-by-default: loopback, the embedded demo, and each `--allow HOST:PORT`.
 * The caller resolves a name once, passes every address here, and connects
 * only to an address this module accepted.
 */

export type TargetPolicy = { demo: Target | null; rules: readonly Target[] };

export type TargetDecision = { ok: true; addresses: string[] } | { ok: false; reason: string };

export type AddressClass = 'loopback' | 'unspecified' | 'other';

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

export function formatTarget(target: Target): string {
  return target.host.includes(':')
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
}

/** The 8 groups of an IPv6 address, or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

/** Lower case, no brackets, IPv4-mapped IPv6 (`::ffff:127.0.0.1`) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const bare = stripBrackets(address).toLowerCase();
  const groups = ipv6Groups(bare);
  if (!groups) return bare;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (!mapped) return bare;
  const hi = groups[6] ?? 0;
  const lo = groups[7] ?? 0;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

export function classifyAddress(address: string): AddressClass {
  const a = normalizeAddress(address);
  if (isIPv4(a)) {
    const first = Number(a.split('.')[0]);
    if (first === 127) return 'loopback';
    // 0.0.0.0/8 means "this host" to Linux: connecting to it reaches local services.
    if (first === 0) return 'unspecified';
    return 'other';
  }
  const groups = ipv6Groups(a);
  if (groups?.slice(0, 7).every((g) => g === 0)) {
    if (groups[7] === 1) return 'loopback';
    if (groups[7] === 0) return 'unspecified';
  }
  return 'other';
}

function matchesRule(rule: Target, host: string, address: string, port: number): boolean {
  if (rule.port !== port) return false;
  const ruleHost = stripBrackets(rule.host).toLowerCase();
  return ruleHost === host || normalizeAddress(ruleHost) === address;
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
  const host = stripBrackets(request.host).toLowerCase();
  const label = formatTarget({ host, port: request.port });
  if (resolved.length === 0) return { ok: false, reason: `${host} resolved to no address` };
  const addresses: string[] = [];
  for (const raw of resolved) {
    const address = normalizeAddress(raw);
    const kind = classifyAddress(address);
    if (kind === 'unspecified') {
      return {
        ok: false,
        reason: `${label} means "any address" (${address}), which is never a valid target; use 127.0.0.1 to reach this machine`,
      };
    }
    const allowed =
      kind === 'loopback' ||
      (policy.demo !== null &&
        normalizeAddress(policy.demo.host) === address &&
        policy.demo.port === request.port) ||
      policy.rules.some((rule) => matchesRule(rule, host, address, request.port));
    if (!allowed) {
      const via = address === host ? '' : ` (it resolves to ${address})`;
      return {
        ok: false,
        reason: `${label} is not an allowed target${via}: the bridge reaches loopback and the demo server only; start it with --allow ${label} to allow this target`,
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
  for (const rule of policy.rules) list.push(formatTarget(rule));
  return list;
}

/** Parses `HOST:PORT` or `[IPv6]:PORT`; returns a sentence on error. */
export function parseHostPort(text: string): Target | string {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:[\]\s/]+):(\d+)$/.exec(text);
  const match = bracketed ?? plain;
  if (!match?.[1] || !match[2]) {
    return `"${text}" is not HOST:PORT (write IPv6 addresses in brackets, e.g. [::1]:9000)`;
  }
  if (bracketed && !isIPv6(match[1])) return `"${match[1]}" is not an IPv6 address`;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return `port ${match[2]} is not from 1 to 65535`;
  return { host: match[1].toLowerCase(), port };
}
