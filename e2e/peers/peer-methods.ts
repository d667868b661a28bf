import { setTimeout as delay } from 'node:timers/promises';

/**
 * The methods every well-behaved peer serves, whatever library frames them,
 * so one set of checks applies to all (params by name):
 *   add {a, b} → a + b · echo {…} → the params · sleep {ms} → ms, after ms
 *   fail {why} → error FAIL_CODE with data {why, peer} · note {text}: a notification, recorded
 */

export const FAIL_CODE = 4001;
export const FAIL_MESSAGE = 'deliberate failure';
/** A sleep longer than this is refused: a test must not hang on a typo. */
export const MAX_SLEEP_MS = 10_000;

/** Thrown by a method; each peer turns it into its library's error type. */
export class PeerMethodError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

const INVALID_PARAMS = -32602;

function named(params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new PeerMethodError(INVALID_PARAMS, 'params must be an object');
  }
  return params as Record<string, unknown>;
}

export type PeerMethods = {
  /** The requests, by name; each may throw PeerMethodError. */
  requests: Record<string, (params: unknown) => unknown | Promise<unknown>>;
  /** The notifications, by name. */
  notifications: Record<string, (params: unknown) => void>;
  /** Texts of the `note` notifications received, in arrival order. */
  notes: string[];
  /** Ends pending sleeps, so a closed peer keeps nothing alive. */
  stop(): void;
};

export function createPeerMethods(peer: string): PeerMethods {
  const notes: string[] = [];
  const shutdown = new AbortController();
  return {
    notes,
    stop: () => shutdown.abort(),
    requests: {
      add(params) {
        const { a, b } = named(params);
        if (typeof a !== 'number' || typeof b !== 'number') {
          throw new PeerMethodError(INVALID_PARAMS, 'a and b must be numbers', { a, b });
        }
        return a + b;
      },
      echo: (params) => params ?? null,
      async sleep(params) {
        const { ms } = named(params);
        if (typeof ms !== 'number' || ms < 0 || ms > MAX_SLEEP_MS) {
          throw new PeerMethodError(INVALID_PARAMS, `ms must be 0 to ${MAX_SLEEP_MS}`, { ms });
        }
        await delay(ms, undefined, { signal: shutdown.signal });
        return ms;
      },
      fail(params) {
        throw new PeerMethodError(FAIL_CODE, FAIL_MESSAGE, { why: named(params).why, peer });
      },
    },
    notifications: {
      note(params) {
        notes.push(String(named(params).text));
      },
    },
  };
}
