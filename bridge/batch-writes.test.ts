import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { corkAfterFirstWrite, corkUntilTickEnds } from './batch-writes';

/** A stream that records each syscall-like flush: one entry per _write or _writev. */
function recordingStream(): { stream: Writable; flushes: string[][] } {
  const flushes: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      flushes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      flushes.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      done();
    },
  });
  return { stream, flushes };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('corkUntilTickEnds', () => {
  it('sends what one callback writes in one writev when the tick ends', async () => {
    const { stream, flushes } = recordingStream();
    for (const text of ['call 1', 'call 2', 'call 3']) {
      corkUntilTickEnds(stream);
      stream.write(text);
    }
    expect(flushes).toEqual([]);
    await nextTick();
    expect(flushes).toEqual([['call 1', 'call 2', 'call 3']]);
  });

  it('batches each tick separately and leaves the stream uncorked', async () => {
    const { stream, flushes } = recordingStream();
    corkUntilTickEnds(stream);
    stream.write('first');
    await nextTick();
    corkUntilTickEnds(stream);
    stream.write('second');
    await nextTick();
    expect(flushes).toEqual([['first'], ['second']]);
    expect(stream.writableCorked).toBe(0);
  });
});

describe('corkAfterFirstWrite', () => {
  it('sends a lone write at once, uncorked', () => {
    const { stream, flushes } = recordingStream();
    corkAfterFirstWrite(stream);
    stream.write('answer');
    expect(flushes).toEqual([['answer']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('sends the later writes of one loop turn together, after its callbacks, even across ticks', async () => {
    const { stream, flushes } = recordingStream();
    corkAfterFirstWrite(stream);
    stream.write('answer 1');
    corkAfterFirstWrite(stream);
    stream.write('answer 2');
    await nextTick();
    corkAfterFirstWrite(stream);
    stream.write('answer 3');
    expect(flushes).toEqual([['answer 1']]);
    await nextTurn();
    expect(flushes).toEqual([['answer 1'], ['answer 2', 'answer 3']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('starts afresh each turn', async () => {
    const { stream, flushes } = recordingStream();
    corkAfterFirstWrite(stream);
    stream.write('first');
    await nextTurn();
    corkAfterFirstWrite(stream);
    stream.write('second');
    expect(flushes).toEqual([['first'], ['second']]);
  });
});
