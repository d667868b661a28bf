import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FramingName } from '../../../shared/framing/framer';
import {
  ConnectionSession,
  type MarshalledWrite,
  type ReplyOutcome,
  type SessionProtocol,
} from './connection-session';
import type { DialectName } from './dialects';

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

function session(framing: FramingName, dialect: DialectName) {
  const framed: Array<{ start: number; end: number; key: string | null }> = [];
  const protocol: SessionProtocol = {
    framing,
    dialect,
    target: { host: '127.0.0.1', port: 8080, path: '/rpc' },
  };
  let nextKey = 1;
  const s = new ConnectionSession(
    7,
    () => 500,
    (start, end, key) => framed.push({ start, end, key }),
    protocol,
  );
  const marshal = (text: string): MarshalledWrite => {
    const write = s.marshal(text, () => `k${nextKey++}`);
    if ('problem' in write) throw new Error(write.problem);
    return write;
  };
  return { s, marshal, framed };
}

function answers(outcomes: ReplyOutcome[]) {
  return outcomes.flatMap((o) => (o.kind === 'answer' ? [o] : []));
}
function strays(outcomes: ReplyOutcome[]) {
  return outcomes.flatMap((o) => (o.kind === 'stray' ? [o.stray] : []));
}
function failures(outcomes: ReplyOutcome[]) {
  return outcomes.flatMap((o) => (o.kind === 'failed' ? [o] : []));
}

const GO_ADD = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}';
const V2_ADD = '{"method":"ServiceA.Add","params":{"X":1,"Y":2},"id":1}';

type TextFraming = Exclude<FramingName, 'gob' | 'gob-http'>;

/** How a server answers one JSON text in each framing. */
const reply: Record<TextFraming, (json: string) => string> = {
  'json-stream': (json) => `${json}\n`,
  ndjson: (json) => `${json}\n`,
  'content-length': (json) => `Content-Length: ${bytes(json).length}\r\n\r\n${json}`,
  http: (json) =>
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${bytes(json).length}\r\n\r\n${json}`,
};

describe('ConnectionSession: every framing × dialect', () => {
  const framings: TextFraming[] = ['json-stream', 'ndjson', 'content-length', 'http'];

  for (const framing of framings) {
    it(`Go over ${framing}: auto id 0 goes out framed and its answer is matched`, () => {
      const { s, marshal, framed } = session(framing, 'go');
      const write = marshal(GO_ADD);
      const body = '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":0}';
      expect(write.text).toBe(
        {
          'json-stream': `${body}\n`,
          ndjson: `${body}\n`,
          'content-length': `Content-Length: ${bytes(body).length}\r\n\r\n${body}`,
          http: `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nContent-Length: ${bytes(body).length}\r\nConnection: keep-alive\r\n\r\n${body}`,
        }[framing],
      );
      expect(write.calls).toMatchObject([{ key: 'k1', idText: '0', notification: false }]);
      const wire = reply[framing]('{"id":0,"result":3,"error":null}');
      // A line's or a value's span leaves out the newline after it; a length or HTTP message has none.
      const span = bytes(wire).length - (framing === 'json-stream' || framing === 'ndjson' ? 1 : 0);
      const out = s.receive(bytes(wire), 42);
      expect(answers(out)).toMatchObject([
        {
          key: 'k1',
          resultText: '3',
          error: null,
          stamps: { firstReadAt: 42, lastReadAt: 42, replyBytes: span },
        },
      ]);
      expect(framed).toEqual([{ start: 0, end: span, key: 'k1' }]);
    });

    it(`JSON-RPC 2.0 over ${framing}: "jsonrpc" added, the id kept, the answer matched`, () => {
      const { s, marshal } = session(framing, 'v2');
      const write = marshal(V2_ADD);
      expect(write.text).toContain(
        '{"jsonrpc":"2.0","method":"ServiceA.Add","params":{"X":1,"Y":2},"id":1}',
      );
      const out = s.receive(bytes(reply[framing]('{"jsonrpc":"2.0","result":3,"id":1}')), 1);
      expect(answers(out)).toMatchObject([{ key: 'k1', resultText: '3', error: null }]);
    });
  }
});

describe('ConnectionSession: JSON-RPC 2.0 batches, notifications, error objects', () => {
  const BATCH =
    '[{"method":"Demo.Sleep","params":{"Ms":30},"id":"a"},' +
    '{"method":"ServiceA.Add","params":[1,2],"id":"b"},' +
    '{"method":"ServiceA.Add","params":[3,4],"id":"c"}]';

  it('sends a batch as one write and matches each element of the answer on its own', () => {
    const { s, marshal, framed } = session('ndjson', 'v2');
    const write = marshal(BATCH);
    expect(write.text.startsWith('[{"jsonrpc":"2.0"')).toBe(true);
    expect(write.text.endsWith(']\n')).toBe(true);
    expect(write.calls.map((c) => [c.key, c.idText])).toEqual([
      ['k1', '"a"'],
      ['k2', '"b"'],
      ['k3', '"c"'],
    ]);
    const out = s.receive(
      bytes(
        '[{"jsonrpc":"2.0","result":7,"id":"c"},{"jsonrpc":"2.0","result":3,"id":"b"},{"jsonrpc":"2.0","result":30,"id":"a"}]\n',
      ),
      1,
    );
    expect(answers(out).map((a) => [a.key, a.resultText, a.replyOrder])).toEqual([
      ['k3', '7', 1],
      ['k2', '3', 2],
      ['k1', '30', 3],
    ]);
    expect(framed.map((f) => f.key)).toEqual(['k3']);
  });

  it('lists an element of a batch answer with an unknown id as a stray, alone, and keeps the rest', () => {
    const { s, marshal } = session('ndjson', 'v2');
    marshal('[{"method":"A.B","id":1},{"method":"A.B","id":2}]');
    const out = s.receive(
      bytes(
        '[{"jsonrpc":"2.0","result":1,"id":1},{"jsonrpc":"2.0","result":9,"id":99},{"jsonrpc":"2.0","id":2}]\n',
      ),
      1,
    );
    expect(answers(out).map((a) => a.key)).toEqual(['k1']);
    expect(strays(out)).toEqual([
      {
        kind: 'unmatched',
        text: '{"jsonrpc":"2.0","result":9,"id":99}',
        reason: 'no call in flight has id 99',
      },
      {
        kind: 'undecodable',
        text: '{"jsonrpc":"2.0","id":2}',
        reason: 'Batch element 2: The response has neither "result" nor "error".',
      },
    ]);
  });

  it('sends an element without id as a notification that awaits nothing', () => {
    const { s, marshal } = session('ndjson', 'v2');
    const write = marshal(
      '[{"method":"Demo.Sleep","params":{"Ms":1}},{"method":"ServiceA.Add","params":[1,2],"id":5}]',
    );
    expect(write.text).toBe(
      '[{"jsonrpc":"2.0","method":"Demo.Sleep","params":{"Ms":1}},{"jsonrpc":"2.0","method":"ServiceA.Add","params":[1,2],"id":5}]\n',
    );
    expect(write.calls).toMatchObject([
      { key: 'k1', notification: true, idText: 'none' },
      { key: 'k2', notification: false, idText: '5' },
    ]);
    // Only the call with an id is pending.
    expect(s.failAll()).toEqual(['k2']);
  });

  it('lists an answer with id null as a possible answer to a notification, with its reason', () => {
    const { s, marshal } = session('ndjson', 'v2');
    marshal('{"method":"Log.Write","params":["hi"]}');
    const out = s.receive(bytes('{"jsonrpc":"2.0","result":true,"id":null}\n'), 1);
    expect(strays(out)).toMatchObject([
      { kind: 'notification-answer', reason: expect.stringContaining('answer a notification') },
    ]);
  });

  it('keeps an error object whole: code, message, data, the standard code explained', () => {
    const { s, marshal } = session('ndjson', 'v2');
    marshal('{"method":"ServiceA.Add","params":{"X":"1"},"id":3}');
    const out = s.receive(
      bytes(
        '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params","data":"param X must be a 64-bit integer"},"id":3}\n',
      ),
      1,
    );
    expect(answers(out)).toMatchObject([
      {
        key: 'k1',
        resultText: null,
        error: 'Invalid params',
        errorClass: null,
        errorObject: {
          code: -32602,
          message: 'Invalid params',
          dataText: '"param X must be a 64-bit integer"',
          meaning: expect.stringContaining('-32602 Invalid params'),
        },
      },
    ]);
  });

  it('explains an error with id null (a parse error) in the stray reason', () => {
    const { s } = session('ndjson', 'v2');
    const out = s.receive(
      bytes('{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}\n'),
      1,
    );
    expect(strays(out)[0]?.reason).toContain('-32700 Parse error');
  });

  it('refuses an empty batch without a trace', () => {
    const { s } = session('ndjson', 'v2');
    expect(s.marshal('[]', () => 'k')).toEqual({ problem: expect.stringContaining('batch') });
    expect(s.failAll()).toEqual([]);
  });
});

describe('ConnectionSession: HTTP/1.1 POST', () => {
  it('pipelines: two POSTs, answers back to back in one chunk (one chunked), each matched', () => {
    const { s, marshal, framed } = session('http', 'v2');
    marshal('{"method":"A.B","id":1}');
    marshal('{"method":"A.B","id":2}');
    const first = '{"jsonrpc":"2.0","result":"one","id":1}';
    const second = '{"jsonrpc":"2.0","result":"two","id":2}';
    const wire =
      `HTTP/1.1 200 OK\r\nContent-Length: ${first.length}\r\n\r\n${first}` +
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${(10).toString(16)}\r\n${second.slice(0, 10)}\r\n` +
      `${(second.length - 10).toString(16)}\r\n${second.slice(10)}\r\n0\r\n\r\n`;
    // Cut anywhere: the answers must not change.
    for (const cut of [1, 17, 60, wire.length - 3]) {
      const again = session('http', 'v2');
      again.marshal('{"method":"A.B","id":1}');
      again.marshal('{"method":"A.B","id":2}');
      const out = [
        ...again.s.receive(bytes(wire.slice(0, cut)), 1),
        ...again.s.receive(bytes(wire.slice(cut)), 2),
      ];
      expect(answers(out).map((a) => a.resultText)).toEqual(['"one"', '"two"']);
    }
    const out = s.receive(bytes(wire), 1);
    expect(answers(out).map((a) => [a.key, a.resultText])).toEqual([
      ['k1', '"one"'],
      ['k2', '"two"'],
    ]);
    expect(framed).toHaveLength(2);
    expect(framed[1]?.end).toBe(bytes(wire).length);
  });

  it('takes a 204 with no body as the answer to a request of notifications only', () => {
    const { s, marshal } = session('http', 'v2');
    marshal('{"method":"Log.Write","params":["x"]}');
    marshal('{"method":"A.B","id":1}');
    const out = s.receive(
      bytes(
        'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 35\r\n\r\n{"jsonrpc":"2.0","result":1,"id":1}',
      ),
      1,
    );
    expect(strays(out)).toEqual([]);
    expect(answers(out).map((a) => a.key)).toEqual(['k2']);
  });
});

describe('ConnectionSession: bad input, shown with its bytes and reason, never thrown', () => {
  it('JSON stream: garbage is a framing error up to its newline; the pending call is kept and answered', () => {
    const { s, marshal, framed } = session('json-stream', 'go');
    marshal(GO_ADD);
    const out = s.receive(bytes('}garbage\n{"id":0,"result":3,"error":null}\n'), 1);
    expect(strays(out)).toMatchObject([{ kind: 'framing-error', text: '}garbage\n' }]);
    expect(strays(out)[0]?.reason).toMatch(/offset 0/);
    expect(answers(out).map((a) => a.key)).toEqual(['k1']);
    expect(framed.map((f) => f.key)).toEqual([null, 'k1']);
  });

  it('a server answering something that is JSON but no reply: undecodable, the call kept', () => {
    const { s, marshal } = session('ndjson', 'go');
    marshal(GO_ADD);
    const out = s.receive(bytes('[1,2,3]\nnot json\n'), 1);
    expect(strays(out).map((x) => x.kind)).toEqual(['undecodable', 'framing-error']);
    expect(s.failAll()).toEqual(['k1']);
  });

  it('a truncated message is reported with its bytes at the end of the stream', () => {
    const { s, marshal, framed } = session('json-stream', 'go');
    marshal(GO_ADD);
    expect(s.receive(bytes('{"id":0,"res'), 1)).toEqual([]);
    const out = s.end();
    expect(strays(out)).toMatchObject([{ kind: 'framing-error', text: '{"id":0,"res' }]);
    expect(strays(out)[0]?.reason).toMatch(/truncated|end/i);
    expect(framed).toEqual([{ start: 0, end: 12, key: null }]);
  });

  it('a Content-Length that lies is a framing error over its bytes; the next message frames again', () => {
    const { s, marshal } = session('content-length', 'v2');
    marshal('{"method":"A.B","id":1}');
    marshal('{"method":"A.B","id":2}');
    const good = '{"jsonrpc":"2.0","result":2,"id":2}';
    const lying = 'Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","result":1,"id":1}';
    const out = s.receive(bytes(`${lying}${reply['content-length'](good)}`), 1);
    expect(strays(out)[0]).toMatchObject({ kind: 'framing-error' });
    expect(strays(out)[0]?.reason).toContain('10');
    expect(answers(out).map((a) => a.key)).toEqual(['k2']);
    // The call whose answer was garbled is still waiting (its timeout will fail it).
    expect(s.failAll()).toEqual(['k1']);
  });

  it('an HTTP response with no body fails its call, and is listed with its head and reason', () => {
    const { s, marshal } = session('http', 'v2');
    marshal('{"method":"A.B","id":1}');
    marshal('{"method":"A.B","id":2}');
    const out = s.receive(
      bytes('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n'),
      1,
    );
    expect(strays(out)).toEqual([
      {
        kind: 'undecodable',
        text: 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n',
        reason: 'HTTP/1.1 500 Internal Server Error has no body: no answer for its call',
      },
    ]);
    expect(failures(out)).toEqual([
      {
        kind: 'failed',
        keys: ['k1'],
        reason: 'HTTP/1.1 500 Internal Server Error has no body: no answer for its call',
      },
    ]);
    // The second request is still answered in its turn.
    expect(s.failAll()).toEqual(['k2']);
  });

  it('HTTP garbage breaks the stream for good: every call in flight fails with the reason', () => {
    const { s, marshal } = session('http', 'go');
    marshal(GO_ADD);
    marshal(GO_ADD);
    const out = s.receive(bytes('\u0000\u0001garbage\r\n\r\nmore'), 1);
    expect(strays(out)[0]).toMatchObject({ kind: 'framing-error' });
    expect(failures(out)).toMatchObject([
      { keys: ['k1', 'k2'], reason: expect.stringContaining('HTTP response stream broke') },
    ]);
    expect(() => s.receive(bytes('HTTP/1.1 200 OK\r\n\r\n'), 2)).not.toThrow();
  });

  it('a batch answer missing an element over HTTP fails that call: no other response will come for it', () => {
    const { s, marshal } = session('http', 'v2');
    marshal('[{"method":"A.B","id":1},{"method":"A.B","id":2}]');
    const body = '[{"jsonrpc":"2.0","result":1,"id":1}]';
    const out = s.receive(bytes(reply.http(body)), 1);
    expect(answers(out).map((a) => a.key)).toEqual(['k1']);
    expect(failures(out)).toMatchObject([{ keys: ['k2'] }]);
  });
});

describe('ConnectionSession: a reply too large to read', () => {
  const MiB = new Uint8Array(1024 * 1024).fill(0x41);
  /** `head`, then 65 MiB of "A", then `tail`: past MAX_HELD_MESSAGE_BYTES, chunk by chunk. */
  function receiveHuge(s: ConnectionSession, head: string, tail: string): ReplyOutcome[] {
    const out = s.receive(bytes(head), 1);
    for (let i = 0; i < 65; i++) out.push(...s.receive(MiB, 2));
    out.push(...s.receive(bytes(tail), 3));
    return out;
  }

  it('fails the call its first bytes name, at once, with the cause; the next answer lands, a repeat is late', () => {
    const { s, marshal, framed } = session('json-stream', 'go');
    marshal(GO_ADD);
    marshal(GO_ADD);
    const out = receiveHuge(s, '{"ID":0,"result":"', '"}\n{"id":1,"result":3,"error":null}\n');
    expect(strays(out)).toMatchObject([{ kind: 'framing-error' }]);
    expect(failures(out)).toEqual([
      {
        kind: 'failed',
        keys: ['k1'],
        reason: `its reply could not be read: ${strays(out)[0]?.reason}`,
      },
    ]);
    expect(failures(out)[0]?.reason).toMatch(/over the 67108864-byte limit .*too large/);
    expect(answers(out).map((a) => a.key)).toEqual(['k2']);
    // The refused bytes are the failed call's reply in the Wire view.
    expect(framed.map((f) => f.key)).toEqual(['k1', 'k2']);
    const again = s.receive(bytes('{"id":0,"result":3,"error":null}\n'), 4);
    expect(strays(again)).toMatchObject([{ kind: 'late' }]);
  });

  it('a batch answer fails each call whose element begins in the bytes kept; the others wait', () => {
    const { s, marshal } = session('ndjson', 'v2');
    marshal('[{"method":"A.B","id":1},{"method":"A.B","id":2},{"method":"A.B","id":3}]');
    const head = '[{"jsonrpc":"2.0","id":1,"result":1},{"jsonrpc":"2.0","id":2,"result":"';
    const out = receiveHuge(s, head, '"},{"jsonrpc":"2.0","id":3,"result":3}]\n');
    expect(failures(out)).toMatchObject([{ keys: ['k1', 'k2'] }]);
    expect(s.failAll()).toEqual(['k3']);
  });

  it('Content-Length: a length over the limit fails the call its skipped body names; the next message lands', () => {
    const { s, marshal, framed } = session('content-length', 'v2');
    marshal('{"method":"A.B","id":1}');
    marshal('{"method":"A.B","id":2}');
    const huge = 'Content-Length: 70000000\r\n\r\n{"jsonrpc":"2.0","id":1,"result":"AAAA';
    const out = s.receive(
      bytes(`${huge}${reply['content-length']('{"jsonrpc":"2.0","result":2,"id":2}')}`),
      1,
    );
    expect(strays(out).map((x) => x.kind)).toEqual(['framing-error', 'framing-error']);
    expect(failures(out)).toEqual([
      {
        kind: 'failed',
        keys: ['k1'],
        reason: `its reply could not be read: ${strays(out)[0]?.reason}`,
      },
    ]);
    expect(failures(out)[0]?.reason).toContain('Content-Length 70000000 is over the limit');
    expect(answers(out).map((a) => a.key)).toEqual(['k2']);
    expect(framed.map((f) => f.key)).toEqual([null, 'k1', 'k2']);
  });

  it('Content-Length: garbage after any other error names nothing', () => {
    const { s, marshal } = session('content-length', 'v2');
    marshal('{"method":"A.B","id":1}');
    const out = [
      ...s.receive(bytes('Content-Length: x\r\n\r\n{"jsonrpc":"2.0","id":1,"result":1}'), 1),
      ...s.end(),
    ];
    expect(strays(out).map((x) => x.kind)).toEqual(['framing-error', 'framing-error']);
    expect(failures(out)).toEqual([]);
    expect(s.failAll()).toEqual(['k1']);
  });

  it('names nothing it cannot be sure of: an unknown id, an id after the cut, a Go array', () => {
    const { s, marshal } = session('json-stream', 'go');
    marshal(GO_ADD);
    const out = [
      ...receiveHuge(s, '{"id":99,"result":"', '"}'),
      ...receiveHuge(s, '{"result":"', '","id":0}'),
      ...receiveHuge(s, '[{"id":0,"result":"', '"}]'),
    ];
    expect(strays(out).map((x) => x.kind)).toEqual([
      'framing-error',
      'framing-error',
      'framing-error',
    ]);
    expect(failures(out)).toEqual([]);
    expect(s.failAll()).toEqual(['k1']);
  });
});

describe('ConnectionSession: properties (fast-check, fixed seed)', () => {
  const framings: TextFraming[] = ['json-stream', 'ndjson', 'content-length', 'http'];
  const dialects: DialectName[] = ['go', 'v2'];

  it('any chunking of the answers gives the same outcomes, in every framing', () => {
    for (const framing of framings) {
      // HTTP answers requests in order; the stream framings let answers overtake each other.
      const order = framing === 'http' ? [1, 2, 3] : [3, 1, 2];
      const answers3 = order.map((id) => `{"jsonrpc":"2.0","result":${id * 10},"id":${id}}`);
      const wire = bytes(answers3.map((a) => reply[framing](a)).join(''));
      const run = (cuts: number[]) => {
        const { s, marshal } = session(framing, 'v2');
        for (const id of [1, 2, 3]) marshal(`{"method":"A.B","id":${id}}`);
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        const out: ReplyOutcome[] = [];
        let from = 0;
        for (const point of [...points, wire.length]) {
          out.push(...s.receive(wire.subarray(from, point), from));
          from = point;
        }
        return out.map((o) => (o.kind === 'answer' ? [o.key, o.resultText] : o.kind));
      };
      const whole = run([]);
      expect(whole).toEqual(order.map((id) => [`k${id}`, `${id * 10}`]));
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
          expect(run(cuts)).toEqual(whole);
        }),
        { seed: 4, numRuns: 60 },
      );
    }
  });

  it('arbitrary bytes, cut anywhere, never throw in any framing × dialect', () => {
    for (const framing of framings) {
      for (const dialect of dialects) {
        fc.assert(
          fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), (chunks) => {
            const { s, marshal } = session(framing, dialect);
            marshal(dialect === 'go' ? GO_ADD : V2_ADD);
            for (const chunk of chunks) s.receive(chunk, 1);
            s.end();
            s.failAll();
          }),
          { seed: 7, numRuns: 80 },
        );
      }
    }
  });
});
