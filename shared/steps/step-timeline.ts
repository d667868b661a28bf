import type { CallStamps, ClockEstimate, StepNumber, StepTime } from './call-stamps';

/**
 * The twelve steps of one call on the page clock, from the raw stamps.
 *
 * Page stamps are used as recorded. Bridge and glass-box server stamps are
 * moved onto the page clock with the measured offset and carry its
 * uncertainty; without an estimate they cannot be placed, so those steps have
 * no time yet. A converted time is clamped into the window the page itself
 * observed — never before the previous step, never after the next page-clock
 * step — so times never run backwards; such a step says `clamped: true`.
 * For a black-box server steps 4–9 are one inferred span, "last byte written →
 * first byte back", known only once both ends are.
 */
export function stepTimeline(stamps: CallStamps, clock: ClockEstimate | null): StepTime[] {
  const toPage = (bridgeTime: number | null): number | null =>
    bridgeTime === null || clock === null ? null : bridgeTime - clock.offsetMs;
  const converted = clock?.uncertaintyMs ?? 0;
  // The latest page-clock step after the bridge ones bounds them from above.
  const ceiling = stamps.decodedAt ?? stamps.deliveredAt;

  const times: StepTime[] = [];
  let floor = Number.NEGATIVE_INFINITY;

  const page = (step: StepNumber, at: number | null) => {
    times.push({ step, at, end: null, source: 'page', uncertaintyMs: 0, clamped: false });
    if (at !== null) floor = Math.max(floor, at);
  };

  const clampToWindow = (t: number) =>
    Math.min(Math.max(t, floor), ceiling ?? Number.POSITIVE_INFINITY);

  const observed = (
    step: StepNumber,
    source: 'bridge' | 'server',
    startStamp: number | null,
    endStamp: number | null = null,
  ) => {
    const rawAt = toPage(startStamp);
    if (rawAt === null) {
      times.push({ step, at: null, end: null, source, uncertaintyMs: converted, clamped: false });
      return;
    }
    const at = clampToWindow(rawAt);
    floor = at;
    const rawEnd = toPage(endStamp);
    const end = rawEnd === null ? null : clampToWindow(rawEnd);
    if (end !== null) floor = end;
    const clamped = at !== rawAt || (rawEnd !== null && end !== rawEnd);
    times.push({ step, at, end, source, uncertaintyMs: converted, clamped });
  };

  page(1, stamps.invokedAt);
  page(2, stamps.marshalledAt);
  observed(3, 'bridge', stamps.writtenAt);

  const server = stamps.server;
  if (server) {
    observed(4, 'server', server.received);
    observed(5, 'server', server.decoded);
    observed(6, 'server', server.invoked);
    observed(7, 'server', server.returned);
    observed(8, 'server', server.encoded);
    observed(9, 'server', server.written);
  } else {
    inferredSpan(times, stamps, toPage, clampToWindow, converted);
  }

  observed(10, 'bridge', stamps.firstReadAt, stamps.lastReadAt);
  page(11, stamps.decodedAt);
  page(12, stamps.deliveredAt);
  return times;
}

const INFERRED_STEPS = [4, 5, 6, 7, 8, 9] as const;

/** Steps 4–9 of a black-box server: one span from the last byte written to the first byte back. */
function inferredSpan(
  times: StepTime[],
  stamps: CallStamps,
  toPage: (bridgeTime: number | null) => number | null,
  clampToWindow: (t: number) => number,
  uncertaintyMs: number,
) {
  const rawAt = toPage(stamps.writtenAt);
  const rawEnd = toPage(stamps.firstReadAt);
  let at: number | null = null;
  let end: number | null = null;
  let clamped = false;
  if (rawAt !== null && rawEnd !== null) {
    at = clampToWindow(rawAt);
    end = Math.max(at, clampToWindow(rawEnd));
    clamped = at !== rawAt || end !== rawEnd;
  }
  for (const step of INFERRED_STEPS) {
    times.push({ step, at, end, source: 'inferred', uncertaintyMs, clamped });
  }
}

/** The time of one step, or null while it has not happened. */
export function stepAt(times: readonly StepTime[], step: StepNumber): number | null {
  return times.find((time) => time.step === step)?.at ?? null;
}

/** True when steps 4–9 were observed inside the server (the glass-box demo), not inferred. */
export function isGlassBox(times: readonly StepTime[]): boolean {
  return times.some((time) => time.step === 4 && time.source === 'server');
}

/** How long the inferred 4–9 span lasted ("last byte written → first byte back"), or null. */
export function inferredSpanMs(times: readonly StepTime[]): number | null {
  const span = times.find((time) => time.step === 4 && time.source === 'inferred');
  return span?.at == null || span.end == null ? null : span.end - span.at;
}

/** From step 1 to the last step that happened so far (step 12 once the result is delivered). */
export function elapsedMs(times: readonly StepTime[]): number | null {
  const start = stepAt(times, 1);
  if (start === null) return null;
  let last = start;
  for (const time of times) {
    if (time.at !== null) last = Math.max(last, time.end ?? time.at);
  }
  return last - start;
}

/** From step 1 to step 12, or null until the result was delivered. */
export function totalMs(times: readonly StepTime[]): number | null {
  const start = stepAt(times, 1);
  const end = stepAt(times, 12);
  return start === null || end === null ? null : end - start;
}
