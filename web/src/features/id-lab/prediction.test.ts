import { describe, expect, it } from 'vitest';
import { type Call, pendingCall } from '../../stores/calls-store';
import { createPredictionStore } from '../../stores/prediction-store';
import { predictionOutcome } from './prediction';

const call = (key: string, id: string, conn = 1): Call =>
  pendingCall({
    key,
    conn,
    method: 'Demo.Sleep',
    idText: id,
    canonicalId: id,
    requestText: '',
    paramsText: null,
    stamps: { invokedAt: 0, marshalledAt: 0, requestBytes: 1 },
    duplicateWarning: null,
  });

const answered = (c: Call, deliveredAt: number, replyOrder: number): Call => ({
  ...c,
  status: 'answered',
  replyOrder,
  stamps: { ...c.stamps, deliveredAt },
});

function predicted(idText: string, before: readonly Call[] = []) {
  const store = createPredictionStore(() => 100);
  store.getState().predict(idText, before);
  const prediction = store.getState().prediction;
  if (!prediction) throw new Error('no prediction');
  return prediction;
}

describe('predict the reply’s id', () => {
  it('waits for the first reply after it, then says whether that reply carried the id', () => {
    const burst = ['0', '1', '2'].map((id) => call(`c${id}`, id));
    const prediction = predicted('2', burst);
    expect(predictionOutcome(prediction, burst)).toEqual({ kind: 'waiting' });
    // The last sent sleeps least: its reply comes first.
    const replies = [
      answered(burst[0] as Call, 180, 3),
      answered(burst[1] as Call, 140, 2),
      answered(burst[2] as Call, 140, 1),
    ];
    expect(predictionOutcome(prediction, replies)).toMatchObject({
      kind: 'resolved',
      right: true,
      call: { key: 'c2' },
    });
    expect(predictionOutcome(predicted('0', burst), replies)).toMatchObject({
      kind: 'resolved',
      right: false,
      call: { key: 'c2' },
    });
  });

  it('ignores calls settled before it, whatever clock their times are on', () => {
    const earlier = answered(call('h1', '7'), 5_000_000, 1);
    const next = call('c1', '0');
    const prediction = predicted('7', [earlier]);
    expect(predictionOutcome(prediction, [earlier, next])).toEqual({ kind: 'waiting' });
    expect(predictionOutcome(prediction, [earlier, answered(next, 120, 1)])).toMatchObject({
      right: false,
      call: { key: 'c1' },
    });
  });

  it('reads what is typed as JSON when it is JSON, else as a string, and compares as the correlator does', () => {
    expect(predicted('5').canonicalId).toBe('5');
    expect(predicted(' "5" ').canonicalId).toBe('"5"');
    expect(predicted('abc').canonicalId).toBe('"abc"');
    expect(predicted('"\\u0061"').canonicalId).toBe('"a"');
    const store = createPredictionStore(() => 0);
    store.getState().predict('   ', []);
    expect(store.getState().prediction).toBeNull();
  });
});
