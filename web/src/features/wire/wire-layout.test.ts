import { describe, expect, it } from 'vitest';
import { INITIAL_SHOWN_BYTES } from '../../../../shared/wire/truncation';
import { createWireStore } from '../../stores/wire-store';
import { firstRowOfCall, layoutWire, rowAt, rowOfChunk, rowTotal } from './wire-layout';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** A request on conn 1, its reply split over three reads, and a 1 MiB read on conn 2. */
function recorded() {
  const wire = createWireStore();
  const s = () => wire.getState();
  s().sent(1, 1, bytesOf('{"method":"A.B","params":[1],"id":0}\n'), 'c1');
  s().acked(1, 100);
  s().received(1, bytesOf('{"id":0,"re'), 101);
  s().received(1, bytesOf('sult":1,"error":null}\n{"id":9'), 102);
  s().framed(1, 0, 34, 'c1');
  s().received(2, new Uint8Array(1024 * 1024), 103);
  return wire;
}

const layoutOf = (wire: ReturnType<typeof createWireStore>, extra = {}) => {
  const { chunks, messages, shownLimits } = wire.getState();
  return layoutWire({ chunks, messages, direction: 'all', onlyCall: null, shownLimits, ...extra });
};

describe('wire layout', () => {
  it('a header row per chunk, 16 bytes a row, and a notice under a truncated chunk', () => {
    const wire = recorded();
    const layout = layoutOf(wire);
    // 38 B → 1 + 3 rows; 11 B → 1 + 1; 31 B → 1 + 2; 1 MiB → 1 + 256 + notice.
    expect(layout.rowStarts).toEqual([0, 4, 6, 9, 9 + 1 + INITIAL_SHOWN_BYTES / 16 + 1]);
    const kinds = Array.from(
      { length: rowTotal(layout) },
      (_, i) => rowAt(layout, i, new Map())?.kind,
    );
    expect(kinds.slice(0, 9)).toEqual([
      'header',
      'bytes',
      'bytes',
      'bytes',
      'header',
      'bytes',
      'header',
      'bytes',
      'bytes',
    ]);
    const notice = rowAt(layout, rowTotal(layout) - 1, new Map());
    expect(notice).toMatchObject({
      kind: 'notice',
      shown: INITIAL_SHOWN_BYTES,
      hidden: 1024 * 1024 - INITIAL_SHOWN_BYTES,
    });
    expect(rowAt(layout, rowTotal(layout), new Map())).toBeNull();
  });

  it('"show more" lengthens only that chunk', () => {
    const wire = recorded();
    wire.getState().showMore(3);
    expect(rowTotal(layoutOf(wire))).toBe(9 + 1 + (32 * 1024) / 16 + 1);
  });

  it('filters by direction and by the selected call', () => {
    const wire = recorded();
    expect(layoutOf(wire, { direction: 'sent' }).chunks.map((c) => c.seq)).toEqual([0]);
    expect(layoutOf(wire, { direction: 'received' }).chunks.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(layoutOf(wire, { onlyCall: 'c1' }).chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(layoutOf(wire, { onlyCall: 'c9' }).chunks).toEqual([]);
  });

  it('keeps the previous chunk’s time for the Δ column, and finds a call’s first row', () => {
    const wire = recorded();
    const layout = layoutOf(wire);
    expect([...layout.previousAt.values()]).toEqual([null, 100, 101, 102]);
    expect(firstRowOfCall(layout, 'c1')).toBe(0);
    expect(firstRowOfCall(layoutOf(wire, { direction: 'received' }), 'c1')).toBe(0);
    expect(firstRowOfCall(layout, 'nobody')).toBeNull();
  });

  it('finds a chunk’s first row by its number, and none for a chunk it does not show', () => {
    const wire = recorded();
    const layout = layoutOf(wire);
    expect([0, 1, 2, 3].map((seq) => rowOfChunk(layout, seq))).toEqual([0, 4, 6, 9]);
    expect(rowOfChunk(layout, 4)).toBeNull();
    const received = layoutOf(wire, { direction: 'received' });
    expect([0, 1, 2, 3].map((seq) => rowOfChunk(received, seq))).toEqual([null, 0, 2, 5]);
  });

  it('lays out twenty thousand chunks in one pass; any row is found by index', () => {
    const wire = createWireStore();
    for (let i = 0; i < 20_000; i++) wire.getState().received(1, bytesOf('{"id":1}\n'), i);
    const started = performance.now();
    const layout = layoutOf(wire);
    const built = performance.now() - started;
    expect(rowTotal(layout)).toBe(40_000);
    expect(rowAt(layout, 39_999, new Map())).toMatchObject({ kind: 'bytes', row: 0 });
    // One pass over the chunks: generous bound for a shared 2-core machine.
    expect(built).toBeLessThan(500);
  });
});
