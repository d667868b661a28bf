import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALL_STATUSES,
  type CallFilter,
  type CallStatus,
  NO_CALL_FILTER,
} from '../../stores/calls-store';
import { filterCalls, isFiltering } from './call-filter';

const call = (method: string, idText: string, status: CallStatus) => ({ method, idText, status });

const CALLS = [
  call('ServiceA.Add', '0', 'answered'),
  call('Demo.Fail', '1', 'error'),
  call('Demo.Sleep', '"slow"', 'pending'),
  call('ServiceA.Add', '12', 'failed'),
  call('Log.Write', 'none', 'notified'),
];

const shown = (filter: Partial<CallFilter>) =>
  filterCalls(CALLS, { ...NO_CALL_FILTER, ...filter }).map((c) => `${c.method} ${c.idText}`);

describe('the call list filter', () => {
  it('without a filter gives the calls array itself, so a burst costs nothing per frame', () => {
    expect(isFiltering(NO_CALL_FILTER)).toBe(false);
    expect(isFiltering({ text: '  ', status: 'all' })).toBe(false);
    expect(filterCalls(CALLS, { text: ' ', status: 'all' })).toBe(CALLS);
  });

  it('keeps the calls of one status', () => {
    expect(shown({ status: 'error' })).toEqual(['Demo.Fail 1']);
    expect(shown({ status: 'notified' })).toEqual(['Log.Write none']);
  });

  it('finds the text in the method or the id, in any case, spaces around it ignored', () => {
    expect(shown({ text: 'servicea.add' })).toEqual(['ServiceA.Add 0', 'ServiceA.Add 12']);
    expect(shown({ text: ' SLOW ' })).toEqual(['Demo.Sleep "slow"']);
    expect(shown({ text: '1' })).toEqual(['Demo.Fail 1', 'ServiceA.Add 12']);
    expect(shown({ text: 'nothing like it' })).toEqual([]);
  });

  it('needs both the text and the status to match', () => {
    expect(shown({ text: 'add', status: 'failed' })).toEqual(['ServiceA.Add 12']);
    expect(shown({ text: 'demo', status: 'answered' })).toEqual([]);
  });

  it('keeps exactly the calls that match, in their order', () => {
    const anyCall = fc.record({
      method: fc.constantFrom('ServiceA.Add', 'Demo.Sleep', 'x.Y'),
      idText: fc.oneof(fc.nat({ max: 30 }).map(String), fc.constantFrom('"a"', 'null')),
      status: fc.constantFrom(...CALL_STATUSES),
    });
    const anyFilter = fc.record({
      text: fc.constantFrom('', 'add', 'SLEEP', '1', '"a', ' y '),
      status: fc.constantFrom<CallStatus | 'all'>('all', ...CALL_STATUSES),
    });
    fc.assert(
      fc.property(fc.array(anyCall, { maxLength: 30 }), anyFilter, (calls, filter) => {
        const kept = filterCalls(calls, filter);
        const text = filter.text.trim().toLowerCase();
        const matches = (c: (typeof calls)[number]) =>
          (filter.status === 'all' || c.status === filter.status) &&
          `${c.method}\n${c.idText}`
            .toLowerCase()
            .split('\n')
            .some((s) => s.includes(text));
        expect(kept).toEqual(calls.filter(matches));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
