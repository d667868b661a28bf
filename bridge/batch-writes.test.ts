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
  it('sends what one callback writes in one writev', async () => {
    const { stream, flushes } = recordingStream();
    batchWritesThisTick(stream);
    stream.write('ack 1');
    batchWritesThisTick(stream);
    stream.write('ack 2');
    stream.write('reply');
    expect(flushes).toEqual([]);
    await nextTurn();
    expect(flushes).toEqual([['ack 1', 'ack 2', 'reply']]);
  });

  it('lets a lone write leave when its tick ends, before any I/O or setImmediate callback', async () => {
    const { stream, flushes } = recordingStream();
    let flushedBeforeImmediate: string[][] | undefined;
    setImmediate(() => {
      flushedBeforeImmediate = [...flushes];
    });
    batchWritesThisTick(stream);
    stream.write('reply');
    await new Promise<void>((resolve) => process.nextTick(resolve));
    expect(flushes).toEqual([['reply']]);
    await nextTurn();
    expect(flushedBeforeImmediate).toEqual([['reply']]);
  });

  it('batches each tick separately, so a later write is not held back', async () => {
    const { stream, flushes } = recordingStream();
    batchWritesThisTick(stream);
    stream.write('first');
    await nextTurn();
    batchWritesThisTick(stream);
    stream.write('second');
    await nextTurn();
    expect(flushes).toEqual([['first'], ['second']]);
    expect(stream.writableCorked).toBe(0);
  });
});
