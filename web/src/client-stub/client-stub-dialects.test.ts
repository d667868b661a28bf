import { describe, expect, it } from 'vitest';
import { stubHarness } from './stub-harness';

/** The page's client stub against a fake bridge, connected to `target` with what Connect guessed or was told. */
function setUp(target: string, text: string) {
  const harness = stubHarness({ text, target, remotePort: 7422, now: () => 1000 });
  const acked = (conn: number, write: number) =>
    harness.socket.serverSends({ type: 'written', conn, write, bytes: 1, at: 3 });
  return { ...harness, acked };
}

const BATCH =
  '[{"method":"Demo.Sleep","params":{"Ms":200},"id":"slow"},' +
  '{"method":"ServiceA.Add","params":{"X":1,"Y":2},"id":"add"},' +
  '{"method":"Log.Write","params":["hi"]}]';

describe('client stub: the framing and dialect chosen at Connect', () => {
  it("speaks JSON-RPC 2.0 over NDJSON to demo2's address, as guessed", () => {
    const { stub, connect, writes, serverSends, calls } = setUp(
      '127.0.0.1:7422',
      '{"method":"ServiceA.Add","params":{"X":1,"Y":2},"id":1}',
    );
    const conn = connect();
    expect(stub.send()).toBeNull();
    expect(writes().map((w) => w.text)).toEqual([
      '{"jsonrpc":"2.0","method":"ServiceA.Add","params":{"X":1,"Y":2},"id":1}\n',
    ]);
    serverSends(conn, '{"jsonrpc":"2.0","result":3,"id":1}\n');
    expect(calls.getState().calls[0]).toMatchObject({ status: 'answered', resultText: '3' });
  });

  it('owes no answer for a notification, so the views draw it at once', () => {
    const { stub, connect } = setUp('127.0.0.1:7422', '{"method":"Log.Write","params":["hi"]}');
    connect();
    expect(stub.send()).toBeNull();
    expect(stub.answerDue()).toBe(false);
  });

  it('sends a batch as ONE write that becomes one call per element, each answered on its own', () => {
    const { stub, connect, writes, serverSends, calls, acked } = setUp('127.0.0.1:7422', BATCH);
    const conn = connect();
    expect(stub.send()).toBeNull();
    expect(writes()).toHaveLength(1);
    const all = () => calls.getState().calls;
    expect(all().map((c) => [c.method, c.idText, c.status])).toEqual([
      ['Demo.Sleep', '"slow"', 'pending'],
      ['ServiceA.Add', '"add"', 'pending'],
      ['Log.Write', 'none', 'pending'],
    ]);
    expect(all()[2]?.notification).toBe(true);
    // Step 1 quotes what each caller passed: its own element's params, not the batch.
    expect(all().map((c) => c.paramsText)).toEqual(['{"Ms":200}', '{"X":1,"Y":2}', '["hi"]']);
    // Written: the notification is done, the others wait for their answers.
    acked(conn, writes()[0]!.write);
    expect(all().map((c) => c.status)).toEqual(['pending', 'pending', 'notified']);
    expect(all().every((c) => c.stamps.writtenAt === 3)).toBe(true);
    serverSends(
      conn,
      '[{"jsonrpc":"2.0","result":3,"id":"add"},{"jsonrpc":"2.0","result":200,"id":"slow"}]\n',
    );
    expect(all().map((c) => [c.status, c.resultText, c.replyOrder])).toEqual([
      ['answered', '200', 2],
      ['answered', '3', 1],
      ['notified', null, null],
    ]);
  });

  it('shows an error object with its code explained, and lists an unknown id as a stray', () => {
    const { stub, connect, serverSends, calls } = setUp(
      '127.0.0.1:7422',
      '{"method":"Nope.Add","params":{},"id":9}',
    );
    const conn = connect();
    stub.send();
    serverSends(
      conn,
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found","data":"Nope.Add"},"id":9}\n' +
        '{"jsonrpc":"2.0","result":1,"id":10}\n',
    );
    expect(calls.getState().calls[0]).toMatchObject({
      status: 'error',
      error: 'Method not found',
      errorObject: {
        code: -32601,
        message: 'Method not found',
        dataText: '"Nope.Add"',
        meaning: expect.stringContaining('-32601 Method not found'),
      },
    });
    expect(calls.getState().strays).toMatchObject([
      { kind: 'unmatched', conn, reason: 'no call in flight has id 10' },
    ]);
  });

  it('follows the person over the guess: HTTP POST to demo2 when chosen', () => {
    const { stub, connection, connect, writes, serverSends, calls } = setUp(
      '127.0.0.1:7422',
      '{"method":"A.B","params":[5],"id":1}',
    );
    connection.getState().chooseFraming('http');
    const conn = connect();
    stub.send();
    expect(writes()[0]?.text).toMatch(/^POST \/ HTTP\/1\.1\r\nHost: 127\.0\.0\.1:7422\r\n/);
    // The request as sent carries HTTP's head; the call's params are still its own.
    expect(calls.getState().calls[0]?.requestText).toMatch(/^POST /);
    expect(calls.getState().calls[0]?.paramsText).toBe('[5]');
    const body = '{"jsonrpc":"2.0","result":"ok","id":1}';
    serverSends(conn, `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(calls.getState().calls[0]).toMatchObject({ status: 'answered', resultText: '"ok"' });
  });

  it('refuses a batch in Go dialect with the reason, sending nothing', () => {
    const { stub, connection, connect, writes } = setUp('127.0.0.1:7421', BATCH);
    expect(connection.getState().dialectChoice).toBeNull();
    connect();
    expect(stub.send()).toMatch(/JSON object/);
    expect(writes()).toEqual([]);
  });

  it('fails a notification the bridge never wrote when the connection closes', () => {
    const { stub, connect, calls, socket } = setUp('127.0.0.1:7422', '{"method":"Log.Write"}');
    const conn = connect();
    stub.send();
    socket.serverSends({ type: 'closed', conn, by: 'server', kind: 'fin', reason: 'FIN', at: 4 });
    expect(calls.getState().calls[0]).toMatchObject({ status: 'failed', failure: 'FIN' });
  });
});
