import { isIP } from 'node:net';
import {
  type AddressBits,
  addressBits,
  classifyAddress,
  inPrefix,
  linkLocalRange,
  normalizeAddress,
} from './addresses';

/**
 * `--allow` rules: what a user opened beyond loopback and the demo. Each rule
 * names exactly what it opens: a host name or an address (or a CIDR block) and
 * a port or a port range. A rule that does not parse is an error, never a
 * guess (fail closed).
 */

export type PortRange = { from: number; to: number };

export type AllowRule =
  /** A host name: matches requests for that name, whatever it resolves to (link-local excepted). */
  | { kind: 'name'; name: string; ports: PortRange }
  /** An address or CIDR block: matches any resolved address inside it. */
  | { kind: 'network'; address: string; bits: AddressBits; prefix: number; ports: PortRange };

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const FORMS =
  'HOST:PORT, HOST:FROM-TO, ADDRESS/PREFIX:PORT, or [IPv6]:PORT (e.g. 10.0.0.0/8:9000, [fd00::]/8:443)';

function parsePorts(text: string): PortRange | string {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!match?.[1]) return `"${text}" is not a port or a port range like 9000-9100`;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  for (const port of [from, to]) {
    if (port < 1 || port > 65535) return `port ${port} is not from 1 to 65535`;
  }
  if (to < from) return `the port range ${text} is backwards; write ${to}-${from}`;
  return { from, to };
}

function parseNetwork(address: string, prefixText: string | undefined): AllowRule | string {
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address, so it cannot take a /prefix`;
  const bits = addressBits(address);
  if (!bits) return `"${address}" is not an IP address`;
  const width = bits.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText ?? '0') || prefix > width) {
    return `/${prefixText} is not a prefix length from 0 to ${width}`;
  }
  const hostBits = bits.value & ((1n << BigInt(width - prefix)) - 1n);
  if (hostBits !== 0n) {
    return `${address}/${prefix} has bits set after the prefix; write the network address (for example ${address.includes(':') ? '[fd00::]/8' : '10.0.0.0/8'})`;
  }
  return {
    kind: 'network',
    address: normalizeAddress(address),
    bits,
    prefix,
    ports: { from: 0, to: 0 },
  };
}

/** Parses one `--allow` value; returns a sentence on error. */
export function parseAllowRule(input: string): AllowRule | string {
  const text = input.trim().toLowerCase();
  // [v6]:P, [v6]/N:P, [v6/N]:P
  const v6 = /^\[([^\]/]+)(?:\/(\d+))?\](?:\/(\d+))?:([^:]+)$/.exec(text);
  // v4 or name, optional /N, then :P
  const plain = /^([^:[\]/\s]+)(?:\/(\d+))?:([^:]+)$/.exec(text);
  let host: string;
  let prefix: string | undefined;
  let portsText: string;
  if (v6?.[1] && v6[4]) {
    if (v6[2] !== undefined && v6[3] !== undefined) return `"${input}" has two prefixes`;
    host = v6[1];
    prefix = v6[2] ?? v6[3];
    portsText = v6[4];
    if (isIP(host) !== 6) return `"${host}" is not an IPv6 address`;
  } else if (plain?.[1] && plain[3]) {
    host = plain[1];
    prefix = plain[2];
    portsText = plain[3];
  } else {
    return `"${input}" is not ${FORMS}`;
  }
  const ports = parsePorts(portsText);
  if (typeof ports === 'string') return ports;
  if (isIP(host) !== 0 || prefix !== undefined) {
    const rule = parseNetwork(host, prefix);
    if (typeof rule === 'string') return rule;
    if (
      classifyAddress(host) === 'unspecified' &&
      rule.kind === 'network' &&
      prefix === undefined
    ) {
      return `${host} means "any address" and is never a target; name the address to reach`;
    }
    return { ...rule, ports };
  }
  if (!NAME.test(host) || host.length > 253) return `"${host}" is not a host name or IP address`;
  return { kind: 'name', name: host, ports };
}

export function formatPorts(ports: PortRange): string {
  return ports.from === ports.to ? `${ports.from}` : `${ports.from}-${ports.to}`;
}

/** The rule as the banner and `welcome` list it, in the same syntax `--allow` takes. */
export function formatRule(rule: AllowRule): string {
  const ports = formatPorts(rule.ports);
  if (rule.kind === 'name') return `${rule.name}:${ports}`;
  const full = rule.prefix === (rule.bits.family === 4 ? 32 : 128);
  const six = rule.bits.family === 6;
  if (full) return six ? `[${rule.address}]:${ports}` : `${rule.address}:${ports}`;
  return six
    ? `[${rule.address}]/${rule.prefix}:${ports}`
    : `${rule.address}/${rule.prefix}:${ports}`;
}

function portMatches(rule: AllowRule, port: number): boolean {
  return port >= rule.ports.from && port <= rule.ports.to;
}

/**
 * Whether `rule` lets a request for `host` (as the page typed it, normalised)
 * reach `address` (one of its resolved addresses, normalised) on `port`.
 * Link-local addresses (169.254/16 with cloud metadata, fe80::/10) are granted
 * only by a rule that lies wholly inside the link-local range, so a broad rule
 * such as 0.0.0.0/0 never opens them by accident.
 */
export function ruleAllows(rule: AllowRule, host: string, address: string, port: number): boolean {
  if (!portMatches(rule, port)) return false;
  const kind = classifyAddress(address);
  if (rule.kind === 'name') return rule.name === host && kind !== 'link-local';
  const bits = addressBits(address);
  if (!bits || !inPrefix(bits, rule.bits, rule.prefix)) return false;
  if (kind !== 'link-local') return true;
  const range = linkLocalRange(bits.family);
  return rule.prefix >= range.prefix && inPrefix(rule.bits, range.network, range.prefix);
}
