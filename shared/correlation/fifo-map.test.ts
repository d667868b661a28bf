import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FifoMap } from './fifo-map';

describe('FifoMap', () => {
  it('FQ1 gives entries oldest first, whatever was deleted before them', () => {
    const map = new FifoMap<string, number>();
    for (let i = 0; i < 5; i++) map.set(`k${i}`, i);
    map.delete('k0');
    map.delete('k2');
    expect(map.oldest()).toEqual(['k1', 1]);
    expect([...map]).toEqual([
      ['k1', 1],
      ['k3', 3],
      ['k4', 4],
    ]);
    map.set('k1', 10);
    expect(map.oldest()).toEqual(['k3', 3]);
    expect(map.get('k1')).toBe(10);
    expect(map.size).toBe(3);
  });

  it('FQ2 agrees with an array kept in insertion order, over any sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(40), value: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.nat(40) }),
      fc.record({ kind: fc.constant('evict' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const map = new FifoMap<number, number>();
        let model: Array<[number, number]> = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            model = model.filter(([k]) => k !== o.key);
            model.push([o.key, o.value]);
            map.set(o.key, o.value);
          } else if (o.kind === 'delete') {
            const had = model.some(([k]) => k === o.key);
            model = model.filter(([k]) => k !== o.key);
            expect(map.delete(o.key)).toBe(had);
          } else {
            const oldest = map.oldest();
            expect(oldest).toEqual(model[0]);
            if (oldest) map.delete(oldest[0]);
            model.shift();
          }
          expect(map.size).toBe(model.length);
        }
        expect([...map]).toEqual(model);
      }),
    );
  });

  it('FQ3 deleting while iterating visits each live entry once, in order', () => {
    const map = new FifoMap<number, string>();
    for (let i = 0; i < 300; i++) map.set(i, i % 3 === 0 ? 'drop' : 'keep');
    const seen: number[] = [];
    for (const [key, value] of map) {
      seen.push(key);
      if (value === 'drop') map.delete(key);
    }
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(map.size).toBe(200);
    expect([...map].every(([, value]) => value === 'keep')).toBe(true);
  });
});
