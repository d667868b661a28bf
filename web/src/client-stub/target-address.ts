export type TargetAddress = { host: string; port: number };

/** What is wrong with what was typed; the page words it (i18n/target-reasons.ts). */
export type AddressProblem =
  | { code: 'empty' }
  | { code: 'not-host-port'; typed: string }
  | { code: 'port-range'; port: string };

/** Reads "host:port" or "[v6]:port" as typed in the Target box. */
export function parseTargetAddress(text: string): TargetAddress | { problem: AddressProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: { code: 'empty' } };
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  const plain = /^([^:\s]+):(\d+)$/.exec(trimmed);
  const match = bracketed ?? plain;
  if (!match?.[1] || !match[2]) {
    return { problem: { code: 'not-host-port', typed: trimmed } };
  }
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: { code: 'port-range', port: match[2] } };
  }
  return { host: match[1], port };
}

/** The address as the Target box takes it: an IPv6 host in brackets. */
export function formatTargetAddress(target: TargetAddress): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
