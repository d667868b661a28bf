import { describe, expect, it } from 'vitest';
import { encodeReadFrame } from '../../../shared/protocol/frames';
import { stubHarness } from './stub-harness';

const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

// Go's net/rpc server answering ServiceA.Add with 30, Seq 0 (GO-NETRPC §4.3).
const ADD_REPLY =
  '3aff8103010108526573706f6e736501ff82000103010d536572766963654d6574686f64010c00010353657101060001054572726f72010c00000011ff82010c53657276696365412e416464000304003c';

function setUp() {
  const harness = stubHarness({
    text: '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}',
    target: '127.0.0.1:9999',
  });
  harness.connection.getState().chooseFraming('gob-http');
  const binary = (conn: number, bytes: Uint8Array) =>
    harness.socket.serverSendsBinary(encodeReadFrame(conn, 2, bytes));
  return { ...harness, binary };
}

describe('client stub: Go net/rpc over HTTP (CONNECT, then gob)', () => {
  it('writes CONNECT first, is connected only by "200 Connected to Go RPC", then calls in gob', () => {
    const { stub, connect, writes, serverSends, binary, connection, calls } = setUp();
    expect(connection.getState()).toMatchObject({
      framingChoice: 'gob-http',
      dialectChoice: 'gob',
    });
    const conn = connect();
    expect(writes().map((w) => w.text)).toEqual(['CONNECT /_goRPC_ HTTP/1.0\n\n']);
    // Bytes sent before the answer would be lost (GO-NETRPC H2): Send waits.
    expect(connection.getState().targetStatus).toBe('connecting');
    expect(stub.send()).toBe('Connect to a target first.');

    serverSends(conn, 'HTTP/1.0 200 Connected to Go RPC\n\n');
    expect(connection.getState().targetStatus).toBe('connected');
    expect(stub.send()).toBeNull();
    expect(writes()[1]?.payload.length).toBe(105);
    expect(calls.getState().calls[0]).toMatchObject({
      idText: '0',
      requestText: 'Request{ServiceMethod: "ServiceA.Add", Seq: 0}\nArgs{X: 10, Y: 20}\n',
    });
    binary(conn, hex(ADD_REPLY));
    expect(calls.getState().calls[0]).toMatchObject({ status: 'answered', resultText: '30' });
  });

  it('closes on any other answer, and the target fails with what the server said', () => {
    const { connect, serverSends, socket, connection } = setUp();
    const conn = connect();
    serverSends(conn, 'HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    expect(socket.sentControl().filter((m) => m.type === 'close')).toMatchObject([{ conn }]);
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'page',
      kind: 'requested',
      reason: 'the page closed the connection',
      at: 3,
    });
    expect(connection.getState()).toMatchObject({
      targetStatus: 'failed',
      targetReason: {
        kind: 'text',
        text: expect.stringContaining('answered "HTTP/1.0 404 Not Found" to CONNECT /_goRPC_'),
      },
    });
  });

  it('a server that closes on gob without a word is probably a jsonrpc one, and the failure says so', () => {
    const { stub, connect, socket, connection, calls } = setUp();
    connection.getState().chooseFraming('gob');
    const conn = connect();
    expect(stub.send()).toBeNull();
    socket.serverSends({
      type: 'closed',
      conn,
      by: 'server',
      kind: 'fin',
      reason: 'the server closed the connection (FIN)',
      at: 3,
    });
    expect(calls.getState().calls[0]).toMatchObject({
      failure: 'the server closed the connection (FIN)',
      failureCause: 'server-closed',
      failureHint: 'try-jsonrpc',
    });
  });

  it('CONNECTs to the Path given (rpc.DialHTTPPath), and refuses one that is no request target', () => {
    const { stub, connect, writes, connection, socket } = setUp();
    connection.getState().setConnectPath('/rpc/v1');
    // The HTTP framing's own path is another field: it does not move.
    expect(connection.getState().httpPath).toBe('/');
    connect();
    expect(writes().map((w) => w.text)).toEqual(['CONNECT /rpc/v1 HTTP/1.0\n\n']);
    stub.disconnect();
    connection.getState().setConnectPath('rpc v1');
    const opens = socket.sentControl().filter((m) => m.type === 'open').length;
    stub.connect();
    expect(socket.sentControl().filter((m) => m.type === 'open')).toHaveLength(opens);
    expect(connection.getState()).toMatchObject({
      targetStatus: 'failed',
      targetReason: {
        kind: 'not-asked',
        why: {
          code: 'connect-path',
          problem: 'path "rpc v1" must start with / and have no spaces',
        },
      },
    });
  });

  it('refuses to connect a gob framing with another dialect, saying which to pick', () => {
    const { stub, connection, socket } = setUp();
    // A stored choice from elsewhere could pair them; the pickers never do.
    connection.setState({ framingChoice: 'gob', dialectChoice: 'v2' });
    stub.connect();
    expect(socket.sentControl().filter((m) => m.type === 'open')).toEqual([]);
    expect(connection.getState()).toMatchObject({
      targetStatus: 'failed',
      targetReason: { kind: 'not-asked', why: { code: 'needs-gob-dialect' } },
    });
  });
});
