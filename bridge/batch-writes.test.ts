import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from './batch-writes';

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

const periodEnd = { tick: nextTick, turn: nextTurn };

describe.each(['tick', 'turn'] as const)('WriteBatch per %s', (period) => {
  it('sends a lone write at once, uncorked', () => {
    const { stream, flushes } = recordingStream();
    new WriteBatch(stream, period).beforeWrite();
    stream.write('call');
    expect(flushes).toEqual([['call']]);
    expect(stream.writableCorked).toBe(0);
  });

  it(`starts afresh each ${period}`, async () => {
    const { stream, flushes } = recordingStream();
    const batch = new WriteBatch(stream, period);
    batch.beforeWrite();
    stream.write('first');
    await periodEnd[period]();
    batch.beforeWrite();
    stream.write('second');
    expect(flushes).toEqual([['first'], ['second']]);
  });
});

describe('WriteBatch', () => {
  it('per tick: sends the later writes of one callback in one writev when the tick ends', async () => {
    const { stream, flushes } = recordingStream();
    const batch = new WriteBatch(stream, 'tick');
    for (const text of ['call 1', 'call 2', 'call 3']) {
      batch.beforeWrite();
      stream.write(text);
    }
    expect(flushes).toEqual([['call 1']]);
    await nextTick();
    expect(flushes).toEqual([['call 1'], ['call 2', 'call 3']]);
    expect(stream.writableCorked).toBe(0);
  });

  it('per turn: sends the later writes of one loop turn together, after its callbacks, even across ticks', async () => {
    const { stream, flushes } = recordingStream();
    const batch = new WriteBatch(stream, 'turn');
    batch.beforeWrite();
    stream.write('answer 1');
    batch.beforeWrite();
    stream.write('answer 2');
    await nextTick();
    batch.beforeWrite();
    stream.write('answer 3');
    expect(flushes).toEqual([['answer 1']]);
    await nextTurn();
    expect(flushes).toEqual([['answer 1'], ['answer 2', 'answer 3']]);
    expect(stream.writableCorked).toBe(0);
  });
});
