import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './bridge-protocol';
import { decodeReadFrame, decodeWriteFrame, encodeReadFrame, encodeWriteFrame } from './frames';
import { MAX_SERVER_STEPS_ID_CHARS, parseBridgeMessage, parsePageMessage } from './validate';

describe('parsePageMessage', () => {
  it('accepts open and close with exactly the declared fields', () => {
    expect(
      parsePageMessage('{"type":"open","conn":4294967295,"host":"::1","port":1,"extra":1}'),
    ).toEqual({ type: 'open', conn: 4294967295, host: '::1', port: 1 });
    expect(parsePageMessage('{"type":"close","conn":0}')).toEqual({ type: 'close', conn: 0 });
  });

  it('refuses anything else with a sentence, never throwing', () => {
    const refused = [
      'not json',
      '[]',
      'null',
      '{"type":"open","conn":-1,"host":"a","port":1}',
      '{"type":"open","conn":4294967296,"host":"a","port":1}',
      '{"type":"open","conn":1.5,"host":"a","port":1}',
      '{"type":"open","conn":1,"host":"","port":1}',
      `{"type":"open","conn":1,"host":"${'a'.repeat(256)}","port":1}`,
      '{"type":"open","conn":1,"host":"a","port":0}',
      '{"type":"open","conn":1,"host":"a","port":65536}',
      '{"type":"close","conn":"1"}',
      '{"type":"__proto__"}',
      '{"conn":1}',
    ];
    for (const text of refused) expect(typeof parsePageMessage(text), text).toBe('string');
  });
});

describe('parseBridgeMessage', () => {
  const closed = { type: 'closed', conn: 1, by: 'server', kind: 'fin', reason: 'r', at: 1.5 };

  it('accepts every error code and close report the contract declares', () => {
    for (const code of ERROR_CODES) {
      const error = { type: 'error', conn: null, code, message: 'm', at: 0 };
      expect(parseBridgeMessage(JSON.stringify(error))).toEqual(error);
    }
    expect(parseBridgeMessage(JSON.stringify(closed))).toEqual(closed);
  });

  it('accepts a welcome that says the largest message the bridge takes', () => {
    const welcome = {
      type: 'welcome',
      protocol: 3,
      demo: { host: '127.0.0.1', port: 7421 },
      demo2: null,
      demoGob: { host: '127.0.0.1', port: 7423 },
      allowed: ['loopback'],
      maxMessageBytes: 1048576,
      at: 1.5,
    };
    expect(parseBridgeMessage(JSON.stringify(welcome))).toEqual(welcome);
  });

  it('refuses unknown codes, close reasons and malformed fields', () => {
    const refused = [
      { type: 'error', conn: null, code: 'nope', message: 'm', at: 0 },
      { type: 'error', conn: 1, code: 'io', message: 5, at: 0 },
      { ...closed, by: 'nobody' },
      { ...closed, kind: 'toString' },
      { ...closed, at: null },
      { type: 'welcome', protocol: 1, demo: { host: 'h' }, allowed: [], at: 0 },
      { type: 'welcome', protocol: 1, demo: null, demo2: { port: 1 }, allowed: [], at: 0 },
      { type: 'welcome', protocol: 3, demo: null, demo2: null, allowed: [], at: 0 },
      {
        type: 'welcome',
        protocol: 3,
        demo: null,
        demo2: null,
        allowed: [],
        maxMessageBytes: 0,
        at: 0,
      },
      { type: 'written', conn: 1, write: 1, bytes: -1, at: 0 },
      { type: 'opened', conn: 1, remote: { host: 'h', port: 1 }, at: 0 },
    ];
    for (const message of refused) {
      expect(typeof parseBridgeMessage(JSON.stringify(message)), JSON.stringify(message)).toBe(
        'string',
      );
    }
  });
});

describe('stopping and starting the demo servers', () => {
  it('accepts a page’s request and the bridge’s state with exactly the declared fields', () => {
    expect(parsePageMessage('{"type":"demo","server":"demo2","running":false,"x":1}')).toEqual({
      type: 'demo',
      server: 'demo2',
      running: false,
    });
    expect(
      parseBridgeMessage(
        '{"type":"demo-state","running":{"demo":true,"demo2":false,"demoGob":true,"x":1},"at":5}',
      ),
    ).toEqual({ type: 'demo-state', running: { demo: true, demo2: false, demoGob: true }, at: 5 });
  });

  it('refuses any other server, a running that is not a boolean, and a partial state', () => {
    for (const text of [
      '{"type":"demo","server":"go","running":true}',
      '{"type":"demo","server":"demo","running":"yes"}',
      '{"type":"demo","running":true}',
    ]) {
      expect(typeof parsePageMessage(text)).toBe('string');
    }
    for (const text of [
      '{"type":"demo-state","running":{"demo":true},"at":1}',
      '{"type":"demo-state","running":null,"at":1}',
      '{"type":"demo-state","running":{"demo":true,"demo2":1},"at":1}',
      '{"type":"demo-state","running":{"demo":true,"demo2":true}}',
    ]) {
      expect(typeof parseBridgeMessage(text)).toBe('string');
    }
  });
});

describe('clock exchange and server steps', () => {
  const stamps = { received: 1, decoded: 2, invoked: 3, returned: 4, encoded: 5, written: 6.5 };

  it('accepts a clock exchange both ways with exactly the declared fields', () => {
    expect(parsePageMessage('{"type":"clock","seq":7,"t0":1}')).toEqual({ type: 'clock', seq: 7 });
    expect(parseBridgeMessage('{"type":"clock","seq":7,"at":1700000000000.25}')).toEqual({
      type: 'clock',
      seq: 7,
      at: 1700000000000.25,
    });
  });

  it('accepts server steps, several reports in a message, keeping only the six stamps', () => {
    const report = { conn: 3, id: '"a\\u003cb"', stamps };
    // A call refused before its method ran: never invoked, never returned.
    const refused = { conn: 4, id: '2', stamps: { ...stamps, invoked: null, returned: null } };
    const message = { type: 'server-steps', reports: [report, refused] };
    const sent = { ...message, reports: [{ ...report, stamps: { ...stamps, extra: 1 } }, refused] };
    expect(parseBridgeMessage(JSON.stringify(sent))).toEqual(message);
  });

  it('refuses malformed clock and server-steps messages', () => {
    expect(typeof parsePageMessage('{"type":"clock","seq":-1}')).toBe('string');
    expect(typeof parsePageMessage('{"type":"clock","seq":1.5}')).toBe('string');
    const refused = [
      { type: 'clock', seq: 1 },
      { type: 'clock', seq: '1', at: 0 },
      ...[
        { conn: 1, id: '', stamps },
        { conn: 1, id: 1, stamps },
        { conn: 1, id: 'x'.repeat(MAX_SERVER_STEPS_ID_CHARS + 1), stamps },
        { conn: -1, id: '1', stamps },
        { conn: 1, id: '1', stamps: { ...stamps, written: null } },
        { conn: 1, id: '1', stamps: { ...stamps, decoded: null } },
        { conn: 1, id: '1', stamps: null },
        null,
      ].map((bad) => ({ type: 'server-steps', reports: [{ conn: 1, id: '1', stamps }, bad] })),
      { type: 'server-steps', reports: [] },
      { type: 'server-steps', reports: { conn: 1, id: '1', stamps } },
      { type: 'server-steps', conn: 1, id: '1', stamps },
    ];
    for (const message of refused) {
      expect(typeof parseBridgeMessage(JSON.stringify(message)), JSON.stringify(message)).toBe(
        'string',
      );
    }
  });
});

describe('binary frames', () => {
  it('round-trip the header and payload, also from an offset view', () => {
    const payload = new Uint8Array([0x00, 0x7b, 0xff]);
    const write = encodeWriteFrame([{ conn: 0xffffffff, write: 7, payload }]);
    const shifted = new Uint8Array(write.length + 3);
    shifted.set(write, 3);
    expect(decodeWriteFrame(shifted.subarray(3))).toEqual({
      kind: 'write',
      writes: [{ conn: 0xffffffff, write: 7, payload }],
    });
    expect(decodeReadFrame(encodeReadFrame(2, 1234.5678, payload))).toEqual({
      kind: 'read',
      conn: 2,
      at: 1234.5678,
      acks: [],
      payload,
    });
  });

  it('refuses short frames and the other direction kind', () => {
    expect(decodeWriteFrame(new Uint8Array(2))).toMatch(/too short/);
    expect(decodeWriteFrame(encodeReadFrame(1, 0, new Uint8Array(0)))).toMatch(/kind 0x2/);
    expect(
      decodeReadFrame(encodeWriteFrame([{ conn: 1, write: 0, payload: new Uint8Array(6) }])),
    ).toMatch(/kind 0x1/);
  });
});
