import { concatBytes } from '../../shared/framing/framer';
import { GobFramer } from '../../shared/framing/gob';
import { GobEncoder } from '../../shared/gob/gob-encoder';
import { LosslessNumber } from '../../shared/json/exact-json';
import { expandBurstTemplate } from '../../shared/jsonrpc/burst-template';
import { decodeGoReply, marshalGoRequest } from '../../shared/jsonrpc/go-dialect';
import { GobRpcCodec, RESPONSE_TYPE } from '../../shared/jsonrpc/go-gob';
import { bestOfRotatedRounds, fmt } from './stats';

/**
 * The page's own codec work in issue 4's burst, next to JSON.parse and
 * JSON.stringify of the same messages in the same run, rounds interleaved so
 * load on the machine hits all alike. Marshalling is what the burst does per
 * call: expand the template, then marshal the Go-dialect request; decoding is
 * one Go reply per call. The ratio is the baseline's time over the codec's.
 */

const CALLS = 10_000;
const ROUNDS = 9;
const TEMPLATE = '{"method":"ServiceA.Add","params":[{"X":"{{i}}","Y":"{{3*i+1}}"}]}';

function goReplies(): string[] {
  const texts: string[] = [];
  for (let i = 0; i < CALLS; i++) texts.push(`{"id":${i},"result":${4 * i + 1},"error":null}\n`);
  return texts;
}

/** The same replies as Go's gob server writes them: the types once, then header and body per call. */
function gobReplies(): Uint8Array {
  const encoder = new GobEncoder();
  const parts: Uint8Array[] = [];
  for (let i = 0; i < CALLS; i++) {
    const header = { ServiceMethod: 'ServiceA.Add', Seq: new LosslessNumber(String(i)), Error: '' };
    parts.push(
      encoder.encode([
        { type: RESPONSE_TYPE, value: header },
        { type: { kind: 'int' }, value: new LosslessNumber(String(4 * i + 1)) },
      ]),
    );
  }
  return concatBytes(parts);
}

function expanded(): string[] {
  const texts: string[] = [];
  for (let i = 0; i < CALLS; i++) {
    const text = expandBurstTemplate(TEMPLATE, i, CALLS);
    if (typeof text !== 'string') throw new Error(text.problem);
    texts.push(text);
  }
  return texts;
}

export async function benchCodec(): Promise<string[]> {
  const requests = expanded();
  const replies = goReplies();
  const gobStream = gobReplies();
  // In order: marshal baseline, marshal, decode baseline, decode, the template expansion alone.
  const contenders: Array<() => void> = [
    () => {
      let bytes = 0;
      for (const [i, text] of requests.entries()) {
        const request = JSON.parse(text) as Record<string, unknown>;
        request.id = i;
        bytes += JSON.stringify(request).length;
      }
      if (bytes === 0) throw new Error('baseline marshalled nothing');
    },
    () => {
      let nextId = 0;
      for (let i = 0; i < CALLS; i++) {
        const text = expandBurstTemplate(TEMPLATE, i, CALLS);
        if (typeof text !== 'string') throw new Error(text.problem);
        const marshalled = marshalGoRequest(text, () => String(nextId++));
        if (!marshalled.ok) throw new Error(marshalled.problem);
      }
    },
    () => {
      let ids = 0;
      for (const text of replies) ids += (JSON.parse(text) as { id: number }).id;
      if (ids === 0) throw new Error('baseline decoded nothing');
    },
    () => {
      for (const [i, text] of replies.entries()) {
        const decoded = decodeGoReply(text);
        if (!decoded.ok || decoded.reply.canonicalId !== String(i)) {
          throw new Error(`reply ${i} decoded wrong`);
        }
      }
    },
    () => {
      for (let i = 0; i < CALLS; i++) {
        if (typeof expandBurstTemplate(TEMPLATE, i, CALLS) !== 'string') throw new Error('expand');
      }
    },
    () => {
      const codec = new GobRpcCodec();
      let nextId = 0;
      for (const text of requests) {
        const marshalled = codec.marshal(text, () => String(nextId++));
        if (!marshalled.ok) throw new Error(marshalled.problem);
      }
    },
    () => {
      const codec = new GobRpcCodec();
      let answered = 0;
      for (const item of new GobFramer().push(gobStream)) {
        if (item.kind !== 'message') throw new Error(item.reason);
        const event = codec.read(item.bytes);
        if (event.kind === 'reply' && event.canonicalId === String(answered)) answered += 1;
      }
      if (answered !== CALLS) throw new Error(`gob decoded ${answered} of ${CALLS} replies`);
    },
  ];
  // Timers run between rounds, as between the page's burst slices.
  const best = await bestOfRotatedRounds(
    contenders,
    ROUNDS,
    () => new Promise((resolve) => setTimeout(resolve, 0)),
  );
  const perCall = (ms: number) => `${fmt((ms * 1000) / CALLS, 2)} µs/call`;
  const [
    marshalBase = 0,
    marshal = 0,
    decodeBase = 0,
    decode = 0,
    expand = 0,
    gobMarshal = 0,
    gobDecode = 0,
  ] = best;
  return [
    `${CALLS} burst calls (${TEMPLATE}) and Go replies, best of ${ROUNDS} rounds, order rotated`,
    `JSON.parse + JSON.stringify baseline: ${perCall(marshalBase)}; JSON.parse baseline: ${perCall(decodeBase)}`,
    `marshal (expand + marshalGoRequest): ${perCall(marshal)}, ${fmt(marshalBase / marshal)}x the baseline (expansion alone: ${perCall(expand)})`,
    `decode (decodeGoReply): ${perCall(decode)}, ${fmt(decodeBase / decode)}x JSON.parse`,
    `gob marshal (GobRpcCodec, the expanded texts): ${perCall(gobMarshal)}, ${fmt(marshalBase / gobMarshal)}x the JSON baseline`,
    `gob decode (GobFramer + GobRpcCodec, ${gobStream.length} bytes): ${perCall(gobDecode)}, ${fmt(decodeBase / gobDecode)}x JSON.parse of the JSON replies`,
  ];
}
