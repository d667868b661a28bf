/**
 * Every limit the bridge enforces, each with a flag and a default. A limit
 * that is hit costs the page one typed `limit` error (or a close reason) that
 * names the limit and its flag, and the bridge one log line.
 */

export type Limits = {
  /** WebSocket sessions (pages) at once. */
  maxPages: number;
  /** TCP connections one page may hold. */
  maxConnsPerPage: number;
  /** TCP connections across all pages. */
  maxConns: number;
  /** Bytes the bridge may hold for one TCP connection (written by the page, not yet taken by the socket). */
  maxBufferedBytes: number;
  /** Largest WebSocket message the page may send. */
  maxMessageBytes: number;
  connectTimeoutMs: number;
  /** A TCP connection with no traffic either way for this long is closed. */
  idleTimeoutMs: number;
  /** Ping interval; a page that misses one pong is dropped with its connections. */
  heartbeatIntervalMs: number;
};

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  // Room for the load test (200 pages × 10 connections) with headroom.
  maxPages: 256,
  maxConnsPerPage: 64,
  maxConns: 4096,
  maxBufferedBytes: 8 * MIB,
  maxMessageBytes: MIB,
  // Long enough for a slow LAN server, short enough that a typo does not hang the page.
  connectTimeoutMs: 5_000,
  // A class may pause for a long explanation; a forgotten connection should still go away.
  idleTimeoutMs: 10 * 60_000,
  heartbeatIntervalMs: 30_000,
};

/** The flag that sets each limit, so every message can name it. */
export const LIMIT_FLAGS: Readonly<Record<keyof Limits, string>> = {
  maxPages: '--max-pages',
  maxConnsPerPage: '--max-conns-per-page',
  maxConns: '--max-conns',
  maxBufferedBytes: '--max-buffered',
  maxMessageBytes: '--max-message',
  connectTimeoutMs: '--connect-timeout',
  idleTimeoutMs: '--idle-timeout',
  heartbeatIntervalMs: '--heartbeat',
};

export function formatBytes(bytes: number): string {
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return `${ms / 1000} s`;
}

/** One line for the start-up banner. */
export function describeLimits(limits: Limits): string {
  return [
    `${limits.maxPages} pages`,
    `${limits.maxConnsPerPage} TCP per page`,
    `${limits.maxConns} TCP in total`,
    `${formatBytes(limits.maxBufferedBytes)} buffered per connection`,
    `${formatBytes(limits.maxMessageBytes)} per message`,
    `connect timeout ${formatSeconds(limits.connectTimeoutMs)}`,
    `idle timeout ${formatSeconds(limits.idleTimeoutMs)}`,
    `heartbeat ${formatSeconds(limits.heartbeatIntervalMs)}`,
  ].join(', ');
}
