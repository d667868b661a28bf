import { isIPv4, isIPv6 } from 'node:net';

/** Pure classification of IP address text: normalising, kinds, and numeric form for CIDR checks. */

export type AddressClass = 'loopback' | 'unspecified' | 'link-local' | 'multicast' | 'other';

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
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

export type AddressBits = { family: 4 | 6; value: bigint };

/** An address (after normalising) as a number, for prefix comparisons; null if not an IP. */
export function addressBits(address: string): AddressBits | null {
  const a = normalizeAddress(address);
  if (isIPv4(a)) {
    const value = a.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { family: 4, value };
  }
  const groups = ipv6Groups(a);
  if (!groups) return null;
  return { family: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) };
}

/** Whether `address` lies in `network/prefix` of the same family. */
export function inPrefix(address: AddressBits, network: AddressBits, prefix: number): boolean {
  if (address.family !== network.family) return false;
  const width = address.family === 4 ? 32 : 128;
  const shift = BigInt(width - prefix);
  return address.value >> shift === network.value >> shift;
}

const V4 = (text: string) => addressBits(text) as AddressBits;
const V6 = (text: string) => addressBits(text) as AddressBits;
const RANGES: ReadonlyArray<[AddressClass, AddressBits, number]> = [
  ['loopback', V4('127.0.0.0'), 8],
  // 0.0.0.0/8 means "this host" to Linux: connecting to it reaches local services.
  ['unspecified', V4('0.0.0.0'), 8],
  ['link-local', V4('169.254.0.0'), 16],
  ['multicast', V4('224.0.0.0'), 4],
  ['multicast', V4('240.0.0.0'), 4],
  ['loopback', V6('::1'), 128],
  ['unspecified', V6('::'), 128],
  ['link-local', V6('fe80::'), 10],
  ['multicast', V6('ff00::'), 8],
];

/** The range an address belongs to; `multicast` also covers 240/4 and broadcast (never TCP peers). */
export function classifyAddress(address: string): AddressClass {
  const bits = addressBits(address);
  if (!bits) return 'other';
  for (const [kind, network, prefix] of RANGES) {
    if (inPrefix(bits, network, prefix)) return kind;
  }
  return 'other';
}

/** The range a class names, e.g. for refusing a rule too broad to grant link-local. */
export function linkLocalRange(family: 4 | 6): { network: AddressBits; prefix: number } {
  return family === 4
    ? { network: V4('169.254.0.0'), prefix: 16 }
    : { network: V6('fe80::'), prefix: 10 };
}
