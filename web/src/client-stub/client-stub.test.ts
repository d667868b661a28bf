import { describe, expect, it } from 'vitest';
import { MANUAL_CLOCK_EPOCH } from '../bridge-client/fake-socket';
import { pageDurationMs } from '../stores/calls-store';
import { ANSWER_HOLD_MS } from './client-stub';
import { stubHarness } from './stub-harness';

const ADD = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}';

function setUp(text = ADD) {
  let pageNow = 1000;
  const harness = stubHarness({ text, now: () => pageNow });
  const at = (ms: number) => {
    pageNow = ms;
  };
  return { ...harness, serverReplies: harness.serverSends, at };
}

describe('client stub', () => {
  it('keeps what the bridge says of its demo servers, and asks it to stop or start one', () => {
    const { stub, connection, socket } = setUp();
    expect(connection.getState().demoRunning).toBeNull();
    const running = { demo: true, demo2: true, demoGob: true };
    socket.serverSends({ type: 'demo-state', running, at: 2 });
    expect(connection.getState().demoRunning).toEqual(running);
    stub.setDemo('demo', false);
    expect(socket.sentControl().at(-1)).toEqual({ type: 'demo', server: 'demo', running: false });
    // Without a bridge nobody knows: the next bridge says again.
    socket.serverCloses();
    expect(connection.getState().demoRunning).toBeNull();
  });

  it('prefills the target from welcome and opens the typed target', () => {
    const { connection, connect } = setUp();
    expect(connection.getState().targetText).toBe('127.0.0.1:7421');
    connect();
    expect(connection.getState().targetStatus).toBe('connected');
  });

  it('marshals with auto ids from 0 per connection and answers by id (steps 2, 11, 12)', () => {
    const { stub, connect, writes, serverReplies, calls, at } = setUp();
    const conn = connect();
    expect(stub.send()).toBeNull();
    expect(stub.send()).toBeNull();
    expect(writes().map((w) => w.text)).toEqual([
      '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n',
      '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":1}\n',
    ]);
    at(1040);
    serverReplies(conn, '{"id":1,"result":30,"error":null}\n{"id":0,"result":30,"err');
    serverReplies(conn, 'or":null}\n');
    const [first, second] = calls.getState().calls;
    expect(second).toMatchObject({ status: 'answered', resultText: '30', replyOrder: 1 });
    expect(pageDurationMs(second!)).toBe(40);
    expect(first).toMatchObject({ status: 'answered', idText: '0', replyOrder: 2 });

    const again = connect();
    expect(again).not.toBe(conn);
    stub.send();
    expect(writes().at(-1)?.text).toContain('"id":0}');
  });

  it('says an answer is due from the moment a call is recorded until it is answered or ANSWER_HOLD_MS passed', () => {
    const { stub, connect, serverReplies, calls, at } = setUp();
    const conn = connect();
    expect(stub.answerDue()).toBe(false);
    // The views hold their first drawing of the call on this: it must hold when the store first changes.
    const seen: boolean[] = [];
    const unsubscribe = calls.subscribe(() => seen.push(stub.answerDue()));
    stub.send();
    unsubscribe();
    expect(seen[0]).toBe(true);
    at(1002);
    expect(stub.answerDue()).toBe(true);
    serverReplies(conn, '{"id":0,"result":30,"error":null}\n');
    expect(stub.answerDue()).toBe(false);

    stub.send();
    at(1002 + ANSWER_HOLD_MS - 1);
    expect(stub.answerDue()).toBe(true);
    // A slow server: the views draw the call in flight, and later clicks are not held.
    at(1002 + ANSWER_HOLD_MS);
    expect(stub.answerDue()).toBe(false);
  });

  it('records acks from the bridge on the call they name', () => {
    const { stub, connect, writes, socket, calls } = setUp();
    const conn = connect();
    stub.send();
    socket.serverSends({ type: 'written', conn, write: writes()[0]!.write, bytes: 60, at: 77 });
    expect(calls.getState().calls[0]?.stamps.writtenAt).toBe(77);
  });

  it('stamps steps 1, 2, 10, 11 and 12, tracing each reply to the chunks of its first and last byte', () => {
    const { stub, connect, writes, socket, serverReplies, calls, at } = setUp();
    const conn = connect();
    at(1000);
    stub.sendBurst(2);
    const [request] = writes();
    socket.serverSends({ type: 'written', conn, write: request!.write, bytes: 60, at: 5000.5 });
    at(1030);
    // Reply to id 1 whole in the first chunk; reply to id 0 starts there and ends two chunks later.
    serverReplies(conn, '{"id":1,"result":30,"error":null}\n{"id":0,', 5010);
    serverReplies(conn, '"result":30,', 5011);
    at(1040);
    serverReplies(conn, '"error":null}\n', 5012);
    const [first, second] = calls.getState().calls;
    expect(first?.stamps).toEqual({
      invokedAt: 1000,
      marshalledAt: 1000,
      requestBytes: '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n'.length,
      writtenAt: 5000.5,
      server: null,
      firstReadAt: 5010,
      lastReadAt: 5012,
      replyBytes: '{"id":0,"result":30,"error":null}'.length,
      decodedAt: 1040,
      deliveredAt: 1040,
    });
    // Both calls left in the one write, so its ack stamps step 3 for both.
    expect(second?.stamps).toMatchObject({
      writtenAt: 5000.5,
      firstReadAt: 5010,
      lastReadAt: 5010,
      replyBytes: 33,
      decodedAt: 1030,
      deliveredAt: 1030,
    });
  });

  it('a reply starting right at a chunk boundary takes that chunk’s time', () => {
    const { stub, connect, serverReplies, calls } = setUp();
    const conn = connect();
    stub.send();
    serverReplies(conn, '\n\n', 7000);
    serverReplies(conn, '{"id":0,"result":30,"error":null}', 7001);
    serverReplies(conn, '\n', 7002);
    expect(calls.getState().calls[0]?.stamps).toMatchObject({
      firstReadAt: 7001,
      lastReadAt: 7001,
      replyBytes: 33,
    });
  });

  it('attaches server steps by conn and canonical id; duplicates go oldest first', () => {
    const text = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":"<b>"}';
    const { stub, connect, socket, serverReplies, calls } = setUp(text);
    const conn = connect();
    stub.send();
    stub.send();
    const steps = (written: number, id = '"\\u003cb\\u003e"', on = conn) =>
      socket.serverSends({
        type: 'server-steps',
        reports: [
          {
            conn: on,
            id,
            stamps: { received: 1, decoded: 2, invoked: 3, returned: 4, encoded: 5, written },
          },
        ],
      });
    // Another conn, an id nobody sent, and text that is not JSON change nothing.
    steps(9, '"\\u003cb\\u003e"', conn + 1);
    steps(9, '"<i>"');
    steps(9, '{');
    expect(calls.getState().calls.map((c) => c.stamps.server)).toEqual([null, null]);
    // Go's HTML-escaped echo of "<b>" is the same id; the older duplicate is served first,
    // even when its answer came before its report.
    serverReplies(conn, '{"id":"\\u003cb\\u003e","result":3,"error":null}\n');
    steps(6);
    steps(7);
    steps(8);
    const [first, second] = calls.getState().calls;
    expect(first?.status).toBe('answered');
    expect(first?.stamps.server?.written).toBe(6);
    expect(second?.stamps.server?.written).toBe(7);
  });

  it('takes the server steps of many calls from one message, in one update of the calls store', () => {
    const { stub, connect, socket, calls } = setUp();
    const conn = connect();
    for (let i = 0; i < 3; i++) stub.send();
    let updates = 0;
    calls.subscribe(() => {
      updates += 1;
    });
    const stamps = (written: number) => ({
      received: 1,
      decoded: 2,
      invoked: 3,
      returned: 4,
      encoded: 5,
      written,
    });
    socket.serverSends({
      type: 'server-steps',
      reports: [
        { conn, id: '2', stamps: stamps(12) },
        { conn, id: '9', stamps: stamps(19) },
        { conn, id: '0', stamps: stamps(10) },
        { conn, id: '1', stamps: stamps(11) },
      ],
    });
    expect(calls.getState().calls.map((c) => c.stamps.server?.written)).toEqual([10, 11, 12]);
    expect(updates).toBe(1);
  });

  it('puts each clock estimate from the bridge client into the connection store', () => {
    const { socket, connection } = setUp();
    expect(connection.getState().clock).toBeNull();
    const exchange = socket.sentControl().find((m) => m.type === 'clock');
    socket.serverSends({ type: 'clock', seq: exchange?.seq, at: MANUAL_CLOCK_EPOCH + 5 });
    expect(connection.getState().clock).toMatchObject({
      offsetMs: MANUAL_CLOCK_EPOCH + 5,
      samples: 1,
    });
  });

  it('keeps big numbers exact both ways', () => {
    const text =
      '{"method":"ServiceA.Add","params":[{"X":9007199254740993,"Y":0}],"id":9007199254740993}';
    const { stub, connect, writes, serverReplies, calls } = setUp(text);
    const conn = connect();
    stub.send();
    expect(writes()[0]?.text).toContain('"X":9007199254740993');
    serverReplies(conn, '{"id":9007199254740993,"result":9007199254740993,"error":null}\n');
    expect(calls.getState().calls[0]).toMatchObject({
      idText: '9007199254740993',
      status: 'answered',
      resultText: '9007199254740993',
    });
  });

  it('sends a burst as one write of N requests from the template, and matches out-of-order replies', () => {
    const { stub, connect, writes, serverReplies, calls } = setUp(
      '{"method":"Demo.Sleep","params":[{"Ms":"{{(N-i)*40}}"}]}',
    );
    const conn = connect();
    expect(stub.sendBurst(3)).toBeNull();
    expect(writes().map((w) => w.text)).toEqual([
      '{"method":"Demo.Sleep","params":[{"Ms":120}],"id":0}\n' +
        '{"method":"Demo.Sleep","params":[{"Ms":80}],"id":1}\n' +
        '{"method":"Demo.Sleep","params":[{"Ms":40}],"id":2}\n',
    ]);
    for (const id of [2, 1, 0]) {
      serverReplies(conn, `{"id":${id},"result":${(3 - id) * 40},"error":null}\n`);
    }
    expect(calls.getState().calls.map((c) => [c.idText, c.resultText, c.replyOrder])).toEqual([
      ['0', '120', 3],
      ['1', '80', 2],
      ['2', '40', 1],
    ]);
  });

  it('puts a chunk of many unmatched replies aside in one update of the calls store', () => {
    const { stub, connect, serverReplies, calls } = setUp();
    const conn = connect();
    stub.send();
    let updates = 0;
    calls.subscribe(() => {
      updates += 1;
    });
    const flood = Array.from({ length: 300 }, (_, i) => `{"id":${1000 + i},"result":1}\n`);
    serverReplies(conn, `${flood.join('')}{"id":0,"result":30,"error":null}\n`);
    expect(updates).toBe(2);
    const { strays, strayCounts, calls: list } = calls.getState();
    expect(strays).toHaveLength(300);
    expect(strays.at(-1)?.text).toBe('{"id":1299,"result":1}');
    expect(strayCounts.unmatched).toBe(300);
    expect(list[0]?.status).toBe('answered');
  });

  it('classifies Go error strings', () => {
    const { stub, connect, serverReplies, calls } = setUp();
    const conn = connect();
    stub.send();
    serverReplies(conn, `{"id":0,"result":null,"error":"rpc: can't find service Nope.Add"}\n`);
    expect(calls.getState().calls[0]).toMatchObject({
      status: 'error',
      error: "rpc: can't find service Nope.Add",
      errorClass: { ran: false },
    });
  });

  it('puts unmatched replies and framing errors aside, with bytes and reason', () => {
    const { stub, connect, serverReplies, calls, socket } = setUp();
    const conn = connect();
    stub.send();
    serverReplies(conn, '{"id":999,"result":1,"error":null}\n');
    serverReplies(conn, '{"id":0,"res');
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'server',
      kind: 'fin',
      reason: 'the server closed the connection (FIN)',
      at: 9,
    });
    const { strays, calls: list } = calls.getState();
    expect(strays.map((s) => s.kind)).toEqual(['unmatched', 'framing-error']);
    expect(strays[1]?.text).toBe('{"id":0,"res');
    expect(list[0]).toMatchObject({
      status: 'failed',
      failure: 'the server closed the connection (FIN)',
      failureCause: 'server-closed',
    });
  });

  it('fails calls in flight when the bridge drops, and refuses to send until reconnected', () => {
    const { stub, connect, calls, connection, socket } = setUp();
    connect();
    stub.send();
    socket.serverCloses();
    expect(calls.getState().calls[0]).toMatchObject({
      status: 'failed',
      failure: 'the connection to the bridge was lost',
      failureCause: 'bridge-lost',
    });
    expect(connection.getState()).toMatchObject({
      bridgeStatus: 'reconnecting',
      targetStatus: 'closed',
    });
    expect(stub.send()).toBe('Connect to a target first.');
  });

  it('a bridge dropped while the target is still opening fails the target', () => {
    const { stub, connection, socket } = setUp();
    stub.connect();
    socket.serverCloses();
    expect(connection.getState()).toMatchObject({
      conn: null,
      targetStatus: 'failed',
      targetReason: {
        kind: 'closed',
        closeKind: 'error',
        by: 'bridge',
        text: 'the connection to the bridge was lost',
      },
    });
  });

  it('closes the live connection when Connect is pressed with a mistyped target', () => {
    const { stub, connect, connection, socket, calls } = setUp();
    const conn = connect();
    stub.send();
    connection.getState().editTarget('no port');
    stub.connect();
    expect(socket.sentControl().at(-1)).toEqual({ type: 'close', conn });
    expect(connection.getState()).toMatchObject({ targetStatus: 'failed', conn: null });
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'page',
      kind: 'requested',
      reason: 'the page closed the connection',
      at: 4,
    });
    expect(calls.getState().calls[0]?.status).toBe('failed');
    expect(connection.getState().targetStatus).toBe('failed');
  });

  it('shows a refusal from the bridge as a failed target', () => {
    const { stub, connection, socket } = setUp();
    connection.getState().editTarget('10.0.0.1:80');
    stub.connect();
    const open = socket.sentControl().at(-1)!;
    socket.serverSends({
      type: 'error',
      conn: open.conn,
      code: 'target-not-allowed',
      message: '10.0.0.1:80 is not an allowed target',
      at: 3,
    });
    // The code and the address the page asked for, so the page can say it in its own language.
    expect(connection.getState()).toMatchObject({
      targetStatus: 'failed',
      targetReason: {
        kind: 'error',
        code: 'target-not-allowed',
        target: '10.0.0.1:80',
        text: '10.0.0.1:80 is not an allowed target',
      },
    });
  });

  it('does not send invalid JSON, and says why', () => {
    const { stub, connect, writes } = setUp('{"method":');
    connect();
    expect(stub.send()).toMatch(/not valid JSON/);
    expect(writes()).toEqual([]);
  });
});
