import type { ClockEstimate } from '../../../shared/steps/call-stamps';
import { readCall } from '../session/recorded-call';
import { withOwnClock } from './call-clock';
import type { Call, CallsStore } from './calls-store';
import { UNLOADED_IN_FLIGHT_REASON } from './failure-sentences';

/**
 * The call history survives a reload: the calls store is written to Web
 * Storage (batched, bounded to the newest MAX_PERSISTED_CALLS) and read back
 * at start-up. Best effort everywhere: storage may be full, disabled or hold
 * garbage from another version, and none of that may cost the session.
 * Calls are stored whole, whatever fields they carry, each with the bridge
 * clock estimate its steps are read with (call-clock.ts).
 */

export const HISTORY_KEY = 'rpc-playground.history';
const HISTORY_VERSION = 1;
/** Enough for a long lesson; a few MB at most, well inside the usual 5 MB quota. */
export const MAX_PERSISTED_CALLS = 2000;
/** If the full history does not fit, this many of the newest calls are tried instead. */
const FALLBACK_PERSISTED_CALLS = 200;
/**
 * Writing 2,000 calls takes the main thread for 50–150 ms, so it waits until
 * the calls have not changed for this long (a burst changes them every frame)…
 */
export const PERSIST_QUIET_MS = 1000;
/** …or, for calls that never stop coming, until this long after the first change not written. */
export const PERSIST_MAX_WAIT_MS = 10_000;

export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem'>;
export type Schedule = (fn: () => void, ms: number) => () => void;
/** Runs fn when the page has nothing else to do (requestIdleCallback); returns a cancel. */
export type WhenIdle = (fn: () => void) => () => void;

/** A stored call as the views expect it, or null: storage may hold anything. */
function storedCall(value: unknown, index: number): Call | null {
  try {
    return readCall(value, `calls[${index}]`);
  } catch {
    return null;
  }
}

/**
 * The calls of earlier page loads, oldest first. Keys are renumbered `h1…`
 * so they never meet the keys this page load hands out; a call that was in
 * flight comes back failed with UNLOADED_IN_FLIGHT_REASON.
 */
export function loadHistory(storage: HistoryStorage | null): Call[] {
  let stored: unknown;
  try {
    const text = storage?.getItem(HISTORY_KEY);
    if (!text) return [];
    stored = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof stored !== 'object' || stored === null) return [];
  const { version, calls } = stored as { version?: unknown; calls?: unknown };
  if (version !== HISTORY_VERSION || !Array.isArray(calls)) return [];
  return calls
    .map(storedCall)
    .filter((call) => call !== null)
    .map(
      (call, index): Call => ({
        ...call,
        key: `h${index + 1}`,
        ...(call.status === 'pending'
          ? {
              status: 'failed' as const,
              failure: UNLOADED_IN_FLIGHT_REASON,
              failureCause: 'page-gone' as const,
            }
          : {}),
      }),
    );
}

/** Writes the newest calls, with the page's clock estimate; returns whether anything was written. Never throws. */
export function saveHistory(
  storage: HistoryStorage | null,
  calls: readonly Call[],
  pageClock: ClockEstimate | null,
): boolean {
  if (!storage) return false;
  for (const limit of [MAX_PERSISTED_CALLS, FALLBACK_PERSISTED_CALLS]) {
    try {
      const newest = calls.slice(-limit).map((call) => withOwnClock(call, pageClock));
      storage.setItem(HISTORY_KEY, JSON.stringify({ version: HISTORY_VERSION, calls: newest }));
      return true;
    } catch {
      // Quota or a disabled storage: try fewer calls, then keep what is stored.
    }
  }
  return false;
}

export type HistoryPersistence = {
  /** Writes now (the page is going away). */
  flush(): void;
  dispose(): void;
};

/**
 * Writes the calls store to storage once it has been quiet for PERSIST_QUIET_MS
 * (at most PERSIST_MAX_WAIT_MS after a change), and then only when the page is
 * idle, so a burst is never held up by its own history. A change only marks the
 * calls changed: moving a timer on every change cost a clearTimeout and a
 * setTimeout per store update, 250 ms of a burst of 10,000 to the demo server
 * (docs/benchmarks.md). So the quiet timer, when it fires after changes, waits
 * once more, and the write comes one to two quiet periods after the last change.
 */
export function persistHistory(
  calls: CallsStore,
  storage: HistoryStorage | null,
  schedule: Schedule,
  whenIdle: WhenIdle,
  pageClock: () => ClockEstimate | null,
): HistoryPersistence {
  let cancelQuiet: (() => void) | null = null;
  let cancelMaxWait: (() => void) | null = null;
  let cancelIdle: (() => void) | null = null;
  /** The calls changed after the quiet timer was set. */
  let changedSinceQuiet = false;
  const cancelTimers = () => {
    cancelQuiet?.();
    cancelMaxWait?.();
    cancelQuiet = null;
    cancelMaxWait = null;
    changedSinceQuiet = false;
  };
  const write = () => {
    cancelTimers();
    cancelIdle?.();
    cancelIdle = null;
    saveHistory(storage, calls.getState().calls, pageClock());
  };
  const writeWhenIdle = () => {
    cancelTimers();
    cancelIdle ??= whenIdle(write);
  };
  const onQuiet = () => {
    if (!changedSinceQuiet) {
      writeWhenIdle();
      return;
    }
    changedSinceQuiet = false;
    cancelQuiet = schedule(onQuiet, PERSIST_QUIET_MS);
  };
  const unsubscribe = calls.subscribe((state, previous) => {
    // A write already waiting for idle time reads the calls as they are then.
    if (state.calls === previous.calls || cancelIdle !== null) return;
    if (cancelQuiet === null) cancelQuiet = schedule(onQuiet, PERSIST_QUIET_MS);
    else changedSinceQuiet = true;
    cancelMaxWait ??= schedule(writeWhenIdle, PERSIST_MAX_WAIT_MS);
  });
  return {
    flush: write,
    dispose: () => {
      unsubscribe();
      if (cancelQuiet !== null || cancelIdle !== null) write();
    },
  };
}
