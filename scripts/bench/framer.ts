import { JsonStreamFramer } from '../../shared/framing/json-stream';
import { fmt, median } from './stats';

/**
 * JSON stream framer throughput next to JSON.parse of the same messages, in
 * the same run: the framer scans and validates every byte of the stream and
 * decodes each message's text once, which is what the page does per TCP chunk.
 */

const MESSAGES = 100_000;
const CHUNK_BYTES = 64 * 1024;
const ROUNDS = 7;

function goReplies(): { stream: Uint8Array; texts: string[] } {
  const texts: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const result =
      i % 3 === 0
        ? String(i * 7)
        : `{"code":1,"message":"success","data":"userid = ${i} \\u00e9 \u4f60\u597d"}`;
    texts.push(`{"id":${i},"result":${result},"error":null}`);
  }
  const stream = new TextEncoder().encode(`${texts.join('\n')}\n`);
  return { stream, texts };
}

export function benchFramer(): string[] {
  const { stream, texts } = goReplies();
  const megabytes = stream.length / 1e6;
  const framerTimes: number[] = [];
  const parseTimes: number[] = [];
  let framed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const framer = new JsonStreamFramer();
    framed = 0;
    let t0 = performance.now();
    for (let at = 0; at < stream.length; at += CHUNK_BYTES) {
      framed += framer.push(stream.subarray(at, at + CHUNK_BYTES)).length;
    }
    framerTimes.push(performance.now() - t0);

    t0 = performance.now();
    let parsed = 0;
    for (const text of texts) if (JSON.parse(text) !== null) parsed++;
    parseTimes.push(performance.now() - t0);
    if (parsed !== MESSAGES) throw new Error('JSON.parse baseline lost messages');
  }
  if (framed !== MESSAGES) throw new Error(`framer found ${framed} of ${MESSAGES} messages`);
  const framerMBs = megabytes / (median(framerTimes) / 1000);
  const parseMBs = megabytes / (median(parseTimes) / 1000);
  return [
    `JSON stream framer: ${fmt(framerMBs, 1)} MB/s over ${MESSAGES} Go replies (${fmt(megabytes, 1)} MB, ${CHUNK_BYTES / 1024} KiB chunks, median of ${ROUNDS})`,
    `JSON.parse baseline: ${fmt(parseMBs, 1)} MB/s on the same messages`,
    `ratio framer / JSON.parse: ${fmt(framerMBs / parseMBs)}x`,
  ];
}
