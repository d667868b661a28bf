import { describe, expect, it } from 'vitest';
import type { FramingName } from '../../../shared/framing/framer';
import { ConnectionSession, type ReplyOutcome } from './connection-session';

const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

// Go 1.19's net/rpc server answering ServiceA.Add with 3 (Seq 0), then with 7 (Seq 1): GO-NETRPC §4.3.
const RESPONSE_DEF =
  '3aff8103010108526573706f6e736501ff82000103010d536572766963654d6574686f64010c00010353657101060001054572726f72010c000000';
const REPLY_0 = `${RESPONSE_DEF}11ff82010c53657276696365412e4164640003040006`;
const REPLY_1 = '13ff82010c53657276696365412e4164640101000304000e';

function gobSession(framing: FramingName) {
  const framed: Array<{ start: number; end: number; key: string | null }> = [];
  const s = new ConnectionSession(
    3,
    () => 900,
    (start, end, key) => framed.push({ start, end, key }),
    { framing, dialect: 'gob', target: { host: '127.0.0.1', port: 1234, path: '/_goRPC_' } },
  );
  let key = 1;
  const marshal = (text: string) => s.marshal(text, () => `g${key++}`);
  return { s, framed, marshal };
}

const kinds = (outcomes: ReplyOutcome[]) => outcomes.map((o) => o.kind);

describe('ConnectionSession speaking gob', () => {
  it('numbers calls by Seq, shows Go values as sent, and matches a reply that spans several gob messages and chunks', () => {
    const { s, framed, marshal } = gobSession('gob');
    expect(s.opening()).toBeNull();
    const first = marshal('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    const second = marshal('{"method":"ServiceA.Add","params":[{"X":3,"Y":4}]}');
    if ('problem' in first || 'problem' in second) throw new Error('marshal failed');
    expect(first.bytes.length).toBe(105);
    expect(first.text).toBe('Request{ServiceMethod: "ServiceA.Add", Seq: 0}\nArgs{X: 1, Y: 2}\n');
    expect(second.calls).toMatchObject([{ key: 'g2', idText: '1', canonicalId: '1' }]);

    // Both replies, cut across three chunks: the first holds the types, the second reuses them.
    const replies = hex(REPLY_0 + REPLY_1);
    const zeroLength = hex(REPLY_0).length;
    const cut = zeroLength + 10;
    const outcomes = [
      ...s.receive(replies.subarray(0, 30), 1),
      ...s.receive(replies.subarray(30, cut), 2),
      ...s.receive(replies.subarray(cut), 3),
    ];
    expect(outcomes).toMatchObject([
      {
        kind: 'answer',
        key: 'g1',
        resultText: '3',
        error: null,
        stamps: { firstReadAt: 1, lastReadAt: 2, replyBytes: zeroLength },
      },
      { kind: 'answer', key: 'g2', resultText: '7', stamps: { firstReadAt: 2, lastReadAt: 3 } },
    ]);
    // The Wire view marks each reply whole: definitions, header and body.
    expect(framed).toEqual([
      { start: 0, end: zeroLength, key: 'g1' },
      { start: zeroLength, end: replies.length, key: 'g2' },
    ]);
  });

  it("fails the call a bad body was for, with gob's reason, and reads on", () => {
    const { s, marshal } = gobSession('gob');
    marshal('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    const header = `${RESPONSE_DEF}11ff82010c53657276696365412e41646400`;
    const outcomes = s.receive(hex(`${header}02ffff`), 5);
    expect(kinds(outcomes)).toEqual(['stray', 'failed']);
    expect(outcomes[1]).toMatchObject({ kind: 'failed', keys: ['g1'] });
    expect(outcomes[1]?.kind === 'failed' && outcomes[1].reason).toContain(
      'bad gob in the reply body',
    );
  });

  it('a reply cut short after its header fails the call it named, with the framing reason', () => {
    const { s, marshal } = gobSession('gob');
    marshal('{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    const header = `${RESPONSE_DEF}11ff82010c53657276696365412e41646400`;
    expect(s.receive(hex(`${header}0304`), 5)).toEqual([]);
    const outcomes = s.end();
    expect(outcomes.at(-1)).toMatchObject({ kind: 'failed', keys: ['g1'] });
    expect(outcomes.at(-1)?.kind === 'failed' && outcomes.at(-1)).toMatchObject({
      reason: expect.stringContaining('short of a 3-byte gob message'),
    });
  });

  it('over HTTP: CONNECT goes first, and the answer decides whether calls may go', () => {
    const ok = gobSession('gob-http');
    expect(new TextDecoder().decode(ok.s.opening() ?? new Uint8Array())).toBe(
      'CONNECT /_goRPC_ HTTP/1.0\n\n',
    );
    const connected = ok.s.receive(
      new TextEncoder().encode('HTTP/1.0 200 Connected to Go RPC\n\n'),
      1,
    );
    expect(connected).toEqual([
      {
        kind: 'handshake',
        connected: true,
        reason: 'HTTP/1.0 200 Connected to Go RPC: calls may go',
      },
    ]);
    expect(ok.framed).toEqual([{ start: 0, end: 34, key: null }]);

    const refusing = gobSession('gob-http').s;
    const refused = refusing.receive(
      new TextEncoder().encode('HTTP/1.0 405 Method Not Allowed\r\n\r\n405 must CONNECT\n'),
      1,
    );
    expect(refusing.end()).toEqual([]);
    // The body after the refusal is not gob: nothing more is read from it, now or at the close.
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ kind: 'handshake', connected: false });
    expect(refused[0]?.kind === 'handshake' && refused[0].reason).toContain(
      '"HTTP/1.0 405 Method Not Allowed"',
    );
  });

  it('a problem with the args is refused before anything is written, and uses no Seq', () => {
    const { marshal } = gobSession('gob');
    expect(marshal('{"method":"ServiceA.Add","params":[[1,"a"]]}')).toMatchObject({
      problem: expect.stringContaining('Go slices hold one type'),
    });
    const next = marshal('{"method":"ServiceA.Add","params":[{"X":1}]}');
    expect('problem' in next ? null : next.calls[0]?.idText).toBe('0');
  });
});
