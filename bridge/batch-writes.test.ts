import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchWritesThisTick } from './batch-writes';

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

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batchWritesThisTick', () => {
  it('sends a lone write at once, uncorked', () => {
    const { stream, flushes } = recordingStream();
    batchWritesThisTick(stream);
    stream.write('reply');
    expect(flushes).toEqual([['reply']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('sends the later writes of one callback in one writev when the tick ends', async () => {
    const { stream, flushes } = recordingStream();
    let flushedBeforeImmediate: string[][] | undefined;
    setImmediate(() => {
      flushedBeforeImmediate = [...flushes];
    });
    batchWritesThisTick(stream);
    stream.write('call 1');
    batchWritesThisTick(stream);
    stream.write('call 2');
    batchWritesThisTick(stream);
    stream.write('call 3');
    expect(flushes).toEqual([['call 1']]);
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(flushes).toEqual([['call 1'], ['call 2', 'call 3']]);
    await nextTurn();
    expect(flushedBeforeImmediate).toEqual(flushes);
  });

  it('batches each tick separately, so a later write is not held back', async () => {
    const { stream, flushes } = recordingStream();
    batchWritesThisTick(stream);
    stream.write('first');
    await nextTurn();
    batchWritesThisTick(stream);
    stream.write('second');
    batchWritesThisTick(stream);
    stream.write('third');
    await nextTurn();
    expect(flushes).toEqual([['first'], ['second'], ['third']]);
    expect(stream.writableCorked).toBe(0);
  });
});
