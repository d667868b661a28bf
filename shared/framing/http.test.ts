import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHttpRequest } from './http-request';
import { HttpFramingError, type HttpResponse, HttpResponseReader } from './http-response';
import {
  assertNeverThrows,
  assertRechunkingInvariant,
  bytesOf,
  noisyFrom,
  run,
  split,
  summary,
} from './test-kit';

type Event = HttpResponse | HttpFramingError;

function read(text: string, methods: string[] = []): Event[] {
  const reader = new HttpResponseReader();
  for (const method of methods) reader.requestSent(method);
  return run(reader, [bytesOf(text)]);
}

const brief = (events: Event[]) =>
  events.map((e) =>
    e.kind === 'message' ? [e.status, e.start, e.end, e.text] : [e.code, e.start, e.end],
  );

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${extra}Content-Length: ${bytesOf(body).length}\r\n\r\n${body}`;

describe('encodeHttpRequest', () => {
  it('H1: a JSON-RPC POST with Host, Content-Type, Content-Length (bytes) and keep-alive', () => {
    const request = encodeHttpRequest({ host: '127.0.0.1:8080', body: '{"id":"é"}' });
    expect(request.ok && new TextDecoder().decode(request.bytes)).toBe(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\n' +
        'Content-Length: 11\r\nConnection: keep-alive\r\n\r\n{"id":"é"}',
    );
  });

  it('H1: values that would inject a header or a request line are refused', () => {
    expect(encodeHttpRequest({ host: 'a\r\nX: y', body: '' }).ok).toBe(false);
    expect(encodeHttpRequest({ host: 'a', path: '/ HTTP/1.0\r\n', body: '' }).ok).toBe(false);
    expect(encodeHttpRequest({ host: 'a', contentType: 'a\nb', body: '' }).ok).toBe(false);
    const closing = encodeHttpRequest({ host: 'a', path: '/rpc', body: '[]', keepAlive: false });
    expect(closing.ok && new TextDecoder().decode(closing.bytes)).toMatch(
      /^POST \/rpc HTTP\/1\.1\r\n[\s\S]*Connection: close\r\n\r\n\[\]$/,
    );
  });
});

describe('HttpResponseReader: examples', () => {
  it('H2: a Content-Length response with head and body spans, status and headers', () => {
    const [response] = read(ok('{"id":1}')) as HttpResponse[];
    expect(response).toMatchObject({
      kind: 'message',
      start: 0,
      end: 78,
      text: '{"id":1}',
      version: '1.1',
      status: 200,
      statusText: 'OK',
      head: { start: 0, end: 70 },
      body: { start: 70, end: 78 },
      chunks: [],
      keepAlive: true,
      interim: false,
    });
    expect(response?.headers[0]).toEqual(['Content-Type', 'application/json']);
  });

  it('H3: chunked transfer-coding with extensions and trailers, each chunk located', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    const body = '4;name=value\r\n{"id\r\n6 ; x\r\n":"é"\r\n1\r\n}\r\n0\r\nX-Sum: 3\r\n\r\n';
    const [response] = read(head + body) as HttpResponse[];
    const at = bytesOf(head).length;
    expect(response?.text).toBe('{"id":"é"}');
    expect(response?.bytes).toEqual(bytesOf('{"id":"é"}'));
    expect(response?.trailers).toEqual([['X-Sum', '3']]);
    expect(response?.body).toEqual({ start: at, end: at + bytesOf(body).length });
    expect(response?.chunks).toEqual([
      { start: at + 14, end: at + 18 },
      { start: at + 27, end: at + 33 },
      { start: at + 38, end: at + 39 },
    ]);
  });

  it('H4: 204, 304, an answer to HEAD and 1xx interim answers have no body', () => {
    const stream =
      'HTTP/1.1 204 No Content\r\n\r\n' +
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n' +
      'HTTP/1.1 100 Continue\r\n\r\n' +
      ok('[]');
    const events = read(stream, ['POST', 'POST', 'HEAD', 'POST']);
    expect(events.map((e) => e.kind === 'message' && [e.status, e.text, e.interim])).toEqual([
      [204, '', false],
      [304, '', false],
      [200, '', false],
      [100, '', true],
      [200, '[]', false],
    ]);
  });

  it('H5: keep-alive responses pipelined back to back frame the same at every split', () => {
    const stream = bytesOf(
      `${ok('{"id":0}')}HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[1]\r\n0\r\n\r\n${ok('"日本"')}`,
    );
    const whole = summary(run(new HttpResponseReader(), [stream]));
    expect(whole.map((e) => (e as unknown[])[3])).toEqual(['{"id":0}', '[1]', '"日本"']);
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b += 7) {
        expect(summary(run(new HttpResponseReader(), split(stream, [a, b])))).toEqual(whole);
      }
    }
  });

  it('H6: with Connection: close and no length the body runs to the end of the stream', () => {
    const reader = new HttpResponseReader();
    expect(reader.push(bytesOf('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{"id"'))).toEqual([]);
    expect(reader.push(bytesOf(':1}'))).toEqual([]);
    const last = reader.end();
    expect(last?.kind === 'message' && [last.text, last.keepAlive, last.end]).toEqual([
      '{"id":1}',
      false,
      46,
    ]);
  });

  it('H6: bytes after a response that closed the connection are after-close', () => {
    const events = read(`${ok('[]', 'Connection: close\r\n')}HTTP/1.1 200 OK\r\n`);
    expect(events.map((e) => (e.kind === 'message' ? e.keepAlive : e.code))).toEqual([
      false,
      'after-close',
    ]);
  });

  it('H7: HTTP/1.0 closes unless it says keep-alive', () => {
    const [plain] = read('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n[]') as HttpResponse[];
    const [kept] = read(
      'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n[]',
    ) as HttpResponse[];
    expect([plain?.version, plain?.keepAlive, kept?.keepAlive]).toEqual(['1.0', false, true]);
  });

  it('H8: a malformed response is a typed error with offsets, and the first error is final', () => {
    const cases: Array<[string, string]> = [
      ['HTTP/2 200 OK\r\n\r\n', 'bad-status-line'],
      ['HTTP/1.1 200 OK\r\nBad Header\r\n\r\n', 'bad-header'],
      ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n', 'bad-length'],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 'bad-chunk'],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]X', 'bad-chunk'],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5000000\r\n', 'body-too-large'],
      ['HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n', 'body-too-large'],
    ];
    for (const [text, code] of cases) {
      const events = read(`${text}HTTP/1.1 204 No Content\r\n\r\n`);
      expect(events.map((e) => e.kind === 'error' && [e.code, e.start])).toEqual([
        [code, 0],
        ['after-error', events[0]?.end],
      ]);
      expect(events[0]).toBeInstanceOf(HttpFramingError);
    }
  });

  it('H8: a response cut short is truncated at end(), its bytes kept', () => {
    const text = 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{"id"';
    const last = read(text)[0];
    expect(last?.kind === 'error' && [last.code, last.start, last.end, last.reason]).toEqual([
      'truncated',
      0,
      text.length,
      `stream ended at offset ${text.length} with 5 of the body's Content-Length bytes missing (truncated response)`,
    ]);
    expect(last?.bytes).toEqual(bytesOf(text));
  });

  it('H8: an empty answer where a response was due is nothing; a head cut short is truncated', () => {
    expect(read('')).toEqual([]);
    expect(brief(read('HTTP/1.1 200 OK\r\nContent-'))).toEqual([['truncated', 0, 25]]);
  });
});

const body = fc.jsonValue().map((value) => JSON.stringify(value));

/** A response of one kind, its body and the stream bytes for it. */
const response = fc.oneof(
  body.map((text) => ({ wire: ok(text), text })),
  fc
    .tuple(body, fc.array(fc.nat({ max: 20 }), { maxLength: 4 }), fc.boolean(), fc.boolean())
    .map(([text, cuts, extension, trailer]) => {
      const bytes = bytesOf(text);
      const chunks = split(
        bytes,
        [...cuts].filter((c) => c <= bytes.length).sort((a, b) => a - b),
      );
      let wire = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
      for (const chunk of chunks) {
        if (chunk.length === 0) continue;
        wire += `${chunk.length.toString(16)}${extension ? ';ext="v"' : ''}\r\n${new TextDecoder().decode(chunk)}\r\n`;
      }
      wire += `0\r\n${trailer ? 'X-Check: 1\r\n' : ''}\r\n`;
      return { wire, text };
    }),
  fc.constant({ wire: 'HTTP/1.1 204 No Content\r\nServer: t\r\n\r\n', text: '' }),
);

const httpStream = fc
  .tuple(fc.array(response, { minLength: 1, maxLength: 4 }), fc.option(body))
  .map(([responses, closing]) => {
    let wire = responses.map((r) => r.wire).join('');
    const texts = responses.map((r) => r.text);
    if (closing !== null) {
      wire += `HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n${closing}`;
      texts.push(closing);
    }
    return { bytes: bytesOf(wire), texts };
  });

describe('HttpResponseReader: properties (fixed seeds)', () => {
  it('FM3: any re-chunking of a valid stream yields the same responses and offsets', () => {
    assertRechunkingInvariant(() => new HttpResponseReader(), httpStream, 31);
  });

  it('FM4: arbitrary bytes never throw anything; errors are HttpFramingError', () => {
    const noisy = noisyFrom(
      httpStream.map((s) => s.bytes),
      'HTTP/1.1 200 OK\r\n:Content-Length: 2Transfer-Encoding: chunked0;{}',
    );
    assertNeverThrows(() => new HttpResponseReader(), HttpFramingError, noisy, 32);
  });
});
