/**
 * The raw times of one call, each recorded where its step happened and kept
 * on the clock that recorded it. Nothing here is computed or guessed: the
 * step timeline (step-timeline.ts) turns these into the twelve steps.
 *
 * Page times are the page's `performance.now()` in milliseconds; bridge
 * times are the bridge's clock (epoch milliseconds, sub-millisecond). The
 * glass-box demo server runs inside the bridge process, so its stamps are on
 * the bridge clock too.
 */

export const STEP_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export type StepNumber = (typeof STEP_NUMBERS)[number];

/** Where a step's time came from. */
export type TimeSource = 'page' | 'bridge' | 'server' | 'inferred';

/** Steps 4–9 as the glass-box demo server saw them (bridge clock). */
export type ServerStamps = {
  /** 4: the last byte of the request reached the server. */
  received: number;
  /** 5: the server stub decoded the request. */
  decoded: number;
  /** 6: the server stub invoked the service; null when it refused the call before (a Go header or params error). */
  invoked: number | null;
  /** 7: the service returned; null when it was never invoked. */
  returned: number | null;
  /** 8: the server stub encoded the reply. */
  encoded: number;
  /** 9: the reply was handed to the socket. */
  written: number;
};

export type CallStamps = {
  /** 1, page clock: the caller invoked (the Send action). */
  invokedAt: number;
  /** 2, page clock: the request bytes are ready. */
  marshalledAt: number;
  /** 2: how many bytes the request is. */
  requestBytes: number;
  /** 3, bridge clock: the bridge wrote the last byte to the socket. */
  writtenAt: number | null;
  /** 4–9, bridge clock: only for the glass-box demo server. */
  server: ServerStamps | null;
  /** 10, bridge clock: the chunk holding the reply's first byte was read. */
  firstReadAt: number | null;
  /** 10, bridge clock: the chunk holding the reply's last byte was read. */
  lastReadAt: number | null;
  /** 10: how many bytes the reply is. */
  replyBytes: number | null;
  /** 11, page clock: the client stub decoded the reply. */
  decodedAt: number | null;
  /** 12, page clock: the result was handed to the caller (the calls store). */
  deliveredAt: number | null;
};

/**
 * The measured offset between the two clocks: bridge time ≈ page time +
 * offsetMs, give or take uncertaintyMs (half the round trip of the best
 * exchange).
 */
export type ClockEstimate = {
  offsetMs: number;
  uncertaintyMs: number;
  /** How many exchanges it was chosen from when last told (one that reads the same is not told again, CK5). */
  samples: number;
  /** Page clock time of the exchange the estimate rests on. */
  measuredAt: number;
};

/** One of the twelve steps of one call, on the page clock. */
export type StepTime = {
  step: StepNumber;
  /** When the step happened (its start, for a span); null while it has not happened yet. */
  at: number | null;
  /** For a step that lasts (steps 4–9 of a black-box server, step 10's first → last byte): its end. */
  end: number | null;
  source: TimeSource;
  /** ± this many milliseconds: 0 for page times, the clock uncertainty for bridge and server times. */
  uncertaintyMs: number;
  /**
   * True when a converted (bridge or server) time fell outside what the page
   * observed around it and was moved to the nearest possible time, so that
   * times never run backwards. Always set by stepTimeline.
   */
  clamped?: boolean;
};
