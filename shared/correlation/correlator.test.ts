import { describe, expect, it } from 'vitest';
import { Correlator, MAX_RETIRED_REMEMBERED } from './correlator';

describe('Correlator', () => {
  it('CO1: register reports keys already in flight with the same id, and keeps them all', () => {
    const calls = new Correlator<string>();
    expect(calls.register('1', 'a')).toEqual({ duplicates: [] });
    expect(calls.register('2', 'b')).toEqual({ duplicates: [] });
    expect(calls.register('1', 'c')).toEqual({ duplicates: ['a'] });
    expect(calls.register('1', 'd')).toEqual({ duplicates: ['a', 'c'] });
    expect(calls.pendingCount).toBe(4);
  });

  it('CO2: a reply matches its pending call once, in any order', () => {
    const calls = new Correlator<number>();
    calls.register('0', 10);
    calls.register('"x"', 11);
    calls.register('{"a":1}', 12);
    expect(calls.match('{"a":1}')).toEqual({ kind: 'matched', key: 12 });
    expect(calls.match('0')).toEqual({ kind: 'matched', key: 10 });
    expect(calls.match('0')).toEqual({ kind: 'unmatched' });
    expect(calls.pendingCount).toBe(1);
  });

  it('CO3: duplicates in flight are matched first sent, first matched', () => {
    const calls = new Correlator<string>();
    calls.register('7', 'first');
    calls.register('7', 'second');
    expect(calls.match('7')).toEqual({ kind: 'matched', key: 'first' });
    expect(calls.match('7')).toEqual({ kind: 'matched', key: 'second' });
  });

  it('CO4: an answer to a retired call is late, with the reason, once', () => {
    const calls = new Correlator<string>();
    calls.register('1', 'slow');
    calls.register('2', 'broken');
    calls.retire('slow', 'timed-out');
    calls.retire('broken', 'failed');
    calls.retire('never-sent', 'failed');
    expect(calls.pendingCount).toBe(0);
    expect(calls.match('1')).toEqual({ kind: 'late', key: 'slow', reason: 'timed-out' });
    expect(calls.match('2')).toEqual({ kind: 'late', key: 'broken', reason: 'failed' });
    expect(calls.match('1')).toEqual({ kind: 'unmatched' });
  });

  it('CO4: a pending call with the same id is matched before a retired one', () => {
    const calls = new Correlator<string>();
    calls.register('1', 'old');
    calls.retire('old', 'timed-out');
    calls.register('1', 'new');
    expect(calls.match('1')).toEqual({ kind: 'matched', key: 'new' });
    expect(calls.match('1')).toEqual({ kind: 'late', key: 'old', reason: 'timed-out' });
  });

  it('CO8: retireById gives up on the first pending call with the id; its answer is then late', () => {
    const calls = new Correlator<string>();
    calls.register('3', 'first');
    calls.register('3', 'second');
    expect(calls.retireById('3', 'failed')).toBe('first');
    expect(calls.retireById('9', 'failed')).toBeUndefined();
    expect(calls.pendingCount).toBe(1);
    expect(calls.match('3')).toEqual({ kind: 'matched', key: 'second' });
    expect(calls.match('3')).toEqual({ kind: 'late', key: 'first', reason: 'failed' });
  });

  it('CO5: an id nobody sent is unmatched', () => {
    expect(new Correlator<string>().match('999')).toEqual({ kind: 'unmatched' });
  });

  it('CO6: failAll returns every pending key in send order and clears them', () => {
    const calls = new Correlator<string>();
    calls.register('3', 'a');
    calls.register('1', 'b');
    calls.register('3', 'c');
    calls.register('2', 'd');
    calls.match('1');
    expect(calls.failAll()).toEqual(['a', 'c', 'd']);
    expect(calls.pendingCount).toBe(0);
    expect(calls.match('3')).toEqual({ kind: 'unmatched' });
  });

  it('CO7: only the most recent retired calls are remembered', () => {
    const calls = new Correlator<number>();
    const total = MAX_RETIRED_REMEMBERED + 5;
    for (let key = 0; key < total; key++) {
      calls.register(String(key % 3), key);
      calls.retire(key, 'timed-out');
    }
    const late: number[] = [];
    for (const id of ['0', '1', '2']) {
      for (let result = calls.match(id); result.kind === 'late'; result = calls.match(id)) {
        late.push(result.key);
      }
    }
    expect(late).toHaveLength(MAX_RETIRED_REMEMBERED);
    expect(Math.min(...late)).toBe(5);
  });
});
