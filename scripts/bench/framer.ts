import {
  ContentLengthFramer,
  encodeContentLengthMessage,
} from '../../shared/framing/content-length';
import {
  concatBytes,
  type FramedMessage,
  type Framer,
  type FramerError,
} from '../../shared/framing/framer';
import { HttpResponseReader } from '../../shared/framing/http-response';
import { JsonStreamFramer } from '../../shared/framing/json-stream';
import { NdjsonFramer } from '../../shared/framing/ndjson';
import { bestOfRotatedRounds, fmt } from './stats';

/**
 * Every framing's throughput next to JSON.parse of the same messages, in the
 * same run, rounds interleaved so load on the machine hits all alike. Each
 * framer scans every byte of its stream and decodes each message's text, as
 * the page does per TCP chunk; the ratio is JSON.parse's time over the
 * framer's for the same messages (issue 4's target: ≥ 0.8 for the JSON stream).
 */

const MESSAGES = 100_000;
const CHUNK_BYTES = 64 * 1024;
const ROUNDS = 9;

const encoder = new TextEncoder();

function goReplies(): string[] {
  const texts: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const result =
      i % 3 === 0
        ? String(i * 7)
        : `{"code":1,"message":"success","data":"userid = ${i} \\u00e9 \u4f60\u597d"}`;
    texts.push(`{"id":${i},"result":${result},"error":null}`);
  }
  return texts;
}

function httpResponse(text: string, chunked: boolean): Uint8Array {
  const body = encoder.encode(text);
  if (!chunked) {
    const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    return concatBytes([encoder.encode(head), body]);
  }
  const half = body.length >> 1;
  const head =
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
  return concatBytes([
    encoder.encode(`${head}${half.toString(16)}\r\n`),
    body.subarray(0, half),
    encoder.encode(`\r\n${(body.length - half).toString(16)}\r\n`),
    body.subarray(half),
    encoder.encode('\r\n0\r\n\r\n'),
  ]);
}

type Case = { name: string; stream: Uint8Array; make: () => Framer<FramedMessage, FramerError> };

function cases(texts: string[]): Case[] {
  const lines = encoder.encode(`${texts.join('\n')}\n`);
  return [
    { name: 'JSON value stream (Go)', stream: lines, make: () => new JsonStreamFramer() },
    { name: 'newline-delimited JSON', stream: lines, make: () => new NdjsonFramer() },
    {
      name: 'Content-Length (LSP)',
      stream: concatBytes(texts.map((text) => encodeContentLengthMessage(text))),
      make: () => new ContentLengthFramer(),
    },
    {
      name: 'HTTP/1.1, Content-Length',
      stream: concatBytes(texts.map((text) => httpResponse(text, false))),
      make: () => new HttpResponseReader(),
    },
    {
      name: 'HTTP/1.1, chunked',
      stream: concatBytes(texts.map((text) => httpResponse(text, true))),
      make: () => new HttpResponseReader(),
    },
  ];
}

/** Frames the stream in CHUNK_BYTES pieces; returns the messages and the UTF-16 units of their texts. */
function frameAll(framing: Case): { messages: number; units: number } {
  const framer = framing.make();
  let messages = 0;
  let units = 0;
  for (let at = 0; at < framing.stream.length; at += CHUNK_BYTES) {
    for (const event of framer.push(framing.stream.subarray(at, at + CHUNK_BYTES))) {
      if (event.kind === 'error') throw new Error(`${framing.name}: ${event.reason}`);
      messages++;
      units += event.text.length;
    }
  }
  if (framer.end() !== null) throw new Error(`${framing.name}: bytes left at the end`);
  return { messages, units };
}

export async function benchFramer(): Promise<string[]> {
  const texts = goReplies();
  const payloadBytes = texts.reduce((sum, text) => sum + encoder.encode(text).length, 0);
  const expectedUnits = texts.reduce((sum, text) => sum + text.length, 0);
  const framings = cases(texts);
  const parseAll = () => {
    let parsed = 0;
    for (const text of texts) if (JSON.parse(text) !== null) parsed++;
    if (parsed !== MESSAGES) throw new Error('JSON.parse baseline lost messages');
  };
  const frameCase = (k: number) => {
    const framing = framings[k] as Case;
    const { messages, units } = frameAll(framing);
    if (messages !== MESSAGES || units !== expectedUnits) {
      throw new Error(`${framing.name} found ${messages} of ${MESSAGES} messages`);
    }
  };
  const [parseMs = 0, ...frameMs] = await bestOfRotatedRounds(
    [parseAll, ...framings.map((_, k) => () => frameCase(k))],
    ROUNDS,
  );
  const lines = [
    `${MESSAGES} Go replies (${fmt(payloadBytes / 1e6, 1)} MB of JSON), ${CHUNK_BYTES / 1024} KiB chunks, best of ${ROUNDS} rounds, order rotated`,
    `JSON.parse baseline: ${fmt(payloadBytes / 1e3 / parseMs, 1)} MB/s on the same messages`,
  ];
  for (const [k, framing] of framings.entries()) {
    const ms = frameMs[k] ?? Number.NaN;
    const wireMBs = framing.stream.length / 1e3 / ms;
    lines.push(
      `${framing.name}: ${fmt(wireMBs, 1)} MB/s of wire (${fmt(framing.stream.length / 1e6, 1)} MB), ${fmt(parseMs / ms)}x JSON.parse`,
    );
  }
  return lines;
}
