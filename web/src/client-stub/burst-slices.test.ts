import { describe, expect, it } from 'vitest';
import { createWireStore } from '../stores/wire-store';
import { createWireRecorder } from '../wire/wire-recorder';
import { BURST_SLICE } from './client-stub';
import { stubHarness } from './stub-harness';

const TEMPLATE = '{"method":"ServiceA.Add","params":[{"X":"{{i}}","Y":1}]}';
const decoder = new TextDecoder();

/** A stub connected to a fake bridge, its timers run by hand (`runTimers`). */
function setUp() {
  let timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const schedule = (fn: () => void, ms: number) => {
    const timer = { fn, ms, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  /** Runs the zero-delay timers due now (the next slices), not the per-call deadlines. */
  const runTimers = () => {
    const due = timers.filter((t) => t.ms === 0 && !t.cancelled);
    timers = timers.filter((t) => t.ms !== 0);
    for (const timer of due) timer.fn();
    return due.length;
  };
  const wire = createWireStore();
  const harness = stubHarness({
    text: TEMPLATE,
    now: () => 0,
    schedule,
    wire: createWireRecorder(wire),
  });
  const conn = harness.connect();
  /** The X of every call written so far, in write order. */
  const xs = () =>
    harness.writes().flatMap((w) => [...w.text.matchAll(/"X":(\d+)/g)].map((m) => Number(m[1])));
  const ack = (write: number, at: number) =>
    harness.socket.serverSends({ type: 'written', conn, write, bytes: 1, at });
  return { ...harness, wire, runTimers, xs, ack };
}

describe('a Go-mode burst in slices', () => {
  it('sends BURST_SLICE calls now and the rest one slice per task, in order', () => {
    const { stub, calls, runTimers, xs } = setUp();
    const n = BURST_SLICE * 2 + 7;
    expect(stub.sendBurst(n)).toBeNull();
    expect(xs()).toHaveLength(BURST_SLICE);
    expect(calls.getState().calls).toHaveLength(BURST_SLICE);
    expect(runTimers()).toBe(1);
    expect(xs()).toHaveLength(BURST_SLICE * 2);
    runTimers();
    expect(xs()).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(calls.getState().calls.map((call) => call.idText)).toEqual(
      Array.from({ length: n }, (_, i) => String(i)),
    );
    expect(runTimers()).toBe(0);
  });

  it('selects the newest call of a burst once, with its last slice', () => {
    const { stub, calls, runTimers } = setUp();
    const n = BURST_SLICE * 2 + 7;
    const selections: Array<string | null> = [];
    calls.subscribe((state, previous) => {
      if (state.selectedKey !== previous.selectedKey) selections.push(state.selectedKey);
    });
    stub.sendBurst(n);
    runTimers();
    runTimers();
    const newest = calls.getState().calls.at(-1);
    expect(newest?.idText).toBe(String(n - 1));
    expect(selections).toEqual([newest?.key]);
  });

  it('writes each slice as one bridge write: its ack stamps every call in it, the Wire view marks each', () => {
    const { stub, calls, wire, runTimers, writes, ack } = setUp();
    expect(BURST_SLICE).toBe(250);
    expect(stub.sendBurst(600)).toBeNull();
    while (runTimers() > 0);
    const frames = writes();
    expect(frames.map((f) => decoder.decode(f.payload).match(/"method"/g)?.length)).toEqual([
      250, 250, 100,
    ]);
    frames.forEach((frame, i) => {
      ack(frame.write, 100 + i);
    });
    const stamped = calls.getState().calls.map((call) => call.stamps.writtenAt);
    expect(stamped).toEqual([
      ...Array<number>(250).fill(100),
      ...Array<number>(250).fill(101),
      ...Array<number>(100).fill(102),
    ]);

    const { chunks, messages } = wire.getState();
    expect(chunks.map((c) => [c.writeId, c.at])).toEqual(frames.map((f, i) => [f.write, 100 + i]));
    // One message per call, covering each chunk end to end, each naming its own call.
    expect(messages.map((m) => m.callKey)).toEqual(calls.getState().calls.map((c) => c.key));
    const text = chunks.map((c) => decoder.decode(c.bytes)).join('');
    messages.forEach((m, i) => {
      expect(m.start).toBe(i === 0 ? 0 : messages[i - 1]?.end);
      expect(text.slice(m.start, m.end)).toBe(
        `{"method":"ServiceA.Add","params":[{"X":${i},"Y":1}],"id":${i}}\n`,
      );
    });
    expect(messages.at(-1)?.end).toBe(text.length);
  });

  it('refuses the whole burst before sending anything when a later call cannot be expanded', () => {
    const { stub, composer, xs } = setUp();
    // Call BURST_SLICE + 1, in the second slice, divides by zero.
    composer
      .getState()
      .setText(`{"method":"ServiceA.Add","params":[{"X":"{{1/(i-${BURST_SLICE + 1})}}","Y":1}]}`);
    expect(stub.sendBurst(BURST_SLICE * 2)).toMatch(/division by zero/);
    expect(xs()).toEqual([]);
  });

  it('sends no further slice once the page is disposed', () => {
    const { stub, runTimers, xs } = setUp();
    stub.sendBurst(BURST_SLICE + 1);
    stub.dispose();
    runTimers();
    expect(xs()).toHaveLength(BURST_SLICE);
  });
});
