import { describe, expect, it } from 'vitest';
import { manualClock } from '../bridge-client/fake-socket';
import { TIMEOUT_DEFAULT_S } from '../stores/composer-store';
import { stubHarness } from './stub-harness';

const SLEEP = '{"method":"Demo.Sleep","params":[{"Ms":60000}]}';

function setUp() {
  /** The stub's own timers, apart from the bridge client's. */
  const deadlines = manualClock();
  const harness = stubHarness({ text: SLEEP, schedule: deadlines.schedule });
  const conn = harness.connect();
  const reply = (text: string) => harness.serverSends(conn, text, harness.clock.now());
  return { ...harness, clock: deadlines, reply, conn };
}

describe('per-call timeout', () => {
  it('fails a call with no answer after the timeout, and lists a later answer as late', () => {
    const { stub, calls, composer, clock, reply } = setUp();
    expect(composer.getState().timeoutSeconds).toBe(TIMEOUT_DEFAULT_S);
    composer.getState().setTimeoutSeconds(2);
    expect(stub.send()).toBeNull();
    clock.advance(1999);
    expect(calls.getState().calls[0]?.status).toBe('pending');
    clock.advance(1);
    // Not one byte came back: that is how a gob server takes JSON (GO-NETRPC fact 10), and the page says so.
    expect(calls.getState().calls[0]).toMatchObject({
      status: 'failed',
      failure: 'no answer within 2 s',
      failureHint: 'try-gob',
    });
    reply('{"id":0,"result":{"Slept":60000},"error":null}\n');
    expect(calls.getState().calls[0]?.status).toBe('failed');
    // Once the server has spoken, a timeout is only a timeout.
    expect(stub.send()).toBeNull();
    clock.advance(2000);
    expect(calls.getState().calls[1]).toMatchObject({
      failure: 'no answer within 2 s',
      failureCause: 'timeout',
    });
    expect(calls.getState().calls[1]).not.toHaveProperty('failureHint');
    expect(calls.getState().strays).toEqual([
      expect.objectContaining({ kind: 'late', reason: expect.stringContaining('id 0') }),
    ]);
  });

  it('leaves an answered call alone and times out only the unanswered ones of a burst', () => {
    const { stub, calls, composer, clock, reply } = setUp();
    composer.getState().setTimeoutSeconds(5);
    expect(stub.sendBurst(3)).toBeNull();
    reply('{"id":1,"result":{"Slept":1},"error":null}\n');
    clock.advance(5000);
    expect(calls.getState().calls.map((c) => c.status)).toEqual(['failed', 'answered', 'failed']);
    expect(calls.getState().strays).toEqual([]);
  });

  it('names why each call failed: a socket error, the person closing, a reply that cannot be read', () => {
    const { stub, calls, socket, conn, connect, connection, serverSends } = setUp();
    stub.send();
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'bridge',
      kind: 'error',
      reason: 'connection error: EPIPE',
      at: 2,
    });
    const second = connect();
    stub.send();
    stub.disconnect();
    socket.serverSends({
      type: 'closed',
      conn: second,
      by: 'page',
      kind: 'requested',
      reason: 'the page closed the connection',
      at: 3,
    });
    connection.getState().chooseFraming('http');
    const third = connect();
    stub.send();
    serverSends(third, 'HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n');
    expect(calls.getState().calls.map((call) => call.failureCause)).toEqual([
      'connection-error',
      'page-closed',
      'unreadable',
    ]);
    expect(calls.getState().calls[2]?.failure).toContain('the HTTP response stream broke');
  });

  it('does not fire after the connection failed the call, nor after dispose', () => {
    const { stub, calls, composer, clock, socket, conn } = setUp();
    composer.getState().setTimeoutSeconds(1);
    stub.send();
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'server',
      kind: 'reset',
      reason: 'the server reset the connection',
      at: 2,
    });
    clock.advance(1000);
    expect(calls.getState().calls[0]).toMatchObject({
      failure: 'the server reset the connection',
      failureCause: 'reset',
    });
    stub.dispose();
    expect(clock.pending()).toEqual([]);
  });

  it('keeps the timeout within its bounds', () => {
    const { composer } = setUp();
    composer.getState().setTimeoutSeconds(0);
    expect(composer.getState().timeoutSeconds).toBe(1);
    composer.getState().setTimeoutSeconds(Number.NaN);
    expect(composer.getState().timeoutSeconds).toBe(TIMEOUT_DEFAULT_S);
    composer.getState().setTimeoutSeconds(1e9);
    expect(composer.getState().timeoutSeconds).toBe(3600);
  });
});
