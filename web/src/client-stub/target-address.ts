export type TargetAddress = { host: string; port: number };

/** Reads "host:port" or "[v6]:port" as typed in the Target box; a problem is one plain sentence. */
export function parseTargetAddress(text: string): TargetAddress | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Type a target such as 127.0.0.1:9000.' };
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(trimmed);
  const plain = /^([^:\s]+):(\d+)$/.exec(trimmed);
  const match = bracketed ?? plain;
  if (!match?.[1] || !match[2]) {
    return { problem: `"${trimmed}" is not host:port (for example 127.0.0.1:9000).` };
  }
  const port = Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: `Port ${match[2]} is out of range: use 1 to 65535.` };
  }
  return { host: match[1], port };
}

/** The address as the Target box takes it: an IPv6 host in brackets. */
export function formatTargetAddress(target: TargetAddress): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
