import { describe, expect, it } from 'vitest';
import { manualClock } from '../bridge-client/fake-socket';
import { runSequentialBurst, SequentialBurst } from './burst-runner';
import { stubHarness } from './stub-harness';

describe('SequentialBurst', () => {
  it('sends 0 first, then waits until the call sent last has settled', () => {
    const burst = new SequentialBurst(3);
    const settled = new Set<string>();
    const isSettled = (key: string) => settled.has(key);
    expect(burst.next(isSettled)).toEqual({ kind: 'send', index: 0 });
    burst.sent(0, 'a');
    expect(burst.next(isSettled)).toEqual({ kind: 'wait' });
    settled.add('a');
    expect(burst.next(isSettled)).toEqual({ kind: 'send', index: 1 });
    burst.sent(1, 'b');
    settled.add('b');
    burst.sent(2, 'c');
    expect(burst.progress).toEqual({ sent: 3, total: 3 });
    expect(burst.next(isSettled)).toEqual({ kind: 'wait' });
    settled.add('c');
    expect(burst.next(isSettled)).toEqual({ kind: 'done' });
  });

  it('is done at once when stopped, whatever is in flight', () => {
    const burst = new SequentialBurst(5);
    burst.sent(0, 'a');
    burst.stop();
    expect(burst.next(() => false)).toEqual({ kind: 'done' });
  });

  it('refuses a call sent out of turn', () => {
    expect(() => new SequentialBurst(3).sent(1, 'b')).toThrow(/out of turn/);
  });
});

describe('runSequentialBurst', () => {
  /** A tiny observable of settled keys, standing in for the calls store. */
  function harness(total: number, refuseAt = -1) {
    const settled = new Set<string>();
    const listeners = new Set<() => void>();
    const sent: number[] = [];
    const finished: Array<string | null> = [];
    const stop = runSequentialBurst({
      total,
      send: (index) => {
        if (index === refuseAt) return { problem: 'Connect to a target first.' };
        sent.push(index);
        return { key: `k${index}` };
      },
      isSettled: (key) => settled.has(key),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onProgress: () => {},
      onFinish: (problem) => finished.push(problem),
    });
    const settle = (key: string) => {
      settled.add(key);
      for (const listener of [...listeners]) listener();
    };
    return { sent, finished, settle, stop, listeners };
  }

  it('sends each call after the previous one settles, then finishes and unsubscribes', () => {
    const run = harness(3);
    expect(run.sent).toEqual([0]);
    run.settle('k0');
    expect(run.sent).toEqual([0, 1]);
    run.settle('k1');
    expect(run.sent).toEqual([0, 1, 2]);
    expect(run.finished).toEqual([]);
    run.settle('k2');
    expect(run.finished).toEqual([null]);
    expect(run.listeners.size).toBe(0);
  });

  it('stops before the next call and reports the end once', () => {
    const run = harness(3);
    run.stop();
    run.stop();
    run.settle('k0');
    expect(run.sent).toEqual([0]);
    expect(run.finished).toEqual([null]);
  });

  it('ends with the problem when a send is refused', () => {
    const run = harness(3, 1);
    run.settle('k0');
    expect(run.finished).toEqual(['Connect to a target first.']);
  });
});

describe('Call mode through the client stub', () => {
  const SLEEP = '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*40}}"}]}';

  function setUp() {
    /** The stub's own timers, apart from the bridge client's. */
    const deadlines = manualClock();
    const harness = stubHarness({ text: SLEEP, schedule: deadlines.schedule });
    const conn = harness.connect();
    const reply = (id: number) =>
      harness.serverSends(conn, `{"id":${id},"result":1,"error":null}\n`);
    const writes = () => harness.writes().map((w) => w.text);
    return { ...harness, writes, reply, deadlines, conn };
  }

  it('writes call i+1 only after call i is answered, and clears burstRun at the end', () => {
    const { stub, composer, writes, reply, calls } = setUp();
    composer.getState().setBurstMode('call');
    expect(stub.sendBurst(3)).toBeNull();
    expect(writes()).toEqual(['{"method":"Demo.Sleep","params":[{"Ms":120}],"id":0}\n']);
    expect(composer.getState().burstRun).toEqual({ sent: 1, total: 3 });
    reply(0);
    expect(writes()).toHaveLength(2);
    expect(writes()[1]).toContain('"Ms":80');
    reply(1);
    reply(2);
    expect(writes()).toHaveLength(3);
    expect(calls.getState().calls.map((call) => call.replyOrder)).toEqual([1, 2, 3]);
    expect(composer.getState().burstRun).toBeNull();
  });

  it('moves on when a call times out, and Stop burst sends nothing more', () => {
    const { stub, composer, writes, deadlines, calls } = setUp();
    composer.getState().setBurstMode('call');
    composer.getState().setTimeoutSeconds(1);
    stub.sendBurst(4);
    deadlines.advance(1000);
    expect(calls.getState().calls[0]?.status).toBe('failed');
    expect(writes()).toHaveLength(2);
    stub.stopBurst();
    expect(composer.getState().burstRun).toBeNull();
    deadlines.advance(1000);
    expect(writes()).toHaveLength(2);
  });

  it('stops when the connection closes, with the pending call failed', () => {
    const { stub, composer, writes, socket, conn, calls } = setUp();
    composer.getState().setBurstMode('call');
    stub.sendBurst(3);
    socket.serverSends({ type: 'closed', conn, by: 'server', kind: 'fin', reason: 'FIN', at: 3 });
    expect(calls.getState().calls[0]?.status).toBe('failed');
    expect(writes()).toHaveLength(1);
    expect(composer.getState().burstRun).toBeNull();
  });

  it('in Go mode writes every call at once', () => {
    const { stub, writes, composer } = setUp();
    expect(composer.getState().burstMode).toBe('go');
    stub.sendBurst(3);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]?.match(/"method"/g)).toHaveLength(3);
    expect(composer.getState().burstRun).toBeNull();
  });
});
