import { createStore } from 'zustand/vanilla';
import { canonicalId } from '../../../shared/json/exact-json';
import type { Call } from './calls-store';

/**
 * The id a learner expects the next reply to carry, when they said so (page
 * clock), and the calls already settled then, which no later reply can be.
 */
export type Prediction = {
  idText: string;
  canonicalId: string;
  at: number;
  settled: ReadonlySet<string>;
};

export type PredictionState = {
  prediction: Prediction | null;
  /** Blank text predicts nothing; `calls` are the calls on the page now. */
  predict(idText: string, calls: readonly Call[]): void;
  clear(): void;
};

export type PredictionStore = ReturnType<typeof createPredictionStore>;

/**
 * "Predict the reply's id": what is typed is JSON when it reads as JSON
 * (5, "5", null), else the text as a string, since a learner typing abc
 * means the string "abc". Ids compare as the correlator compares them.
 */
export function createPredictionStore(now: () => number) {
  return createStore<PredictionState>()((set) => ({
    prediction: null,
    predict: (typed, calls) => {
      const idText = typed.trim();
      if (idText === '') return;
      let id: string;
      try {
        id = canonicalId(idText);
      } catch {
        id = canonicalId(JSON.stringify(idText));
      }
      const settled = new Set(calls.filter((c) => c.status !== 'pending').map((c) => c.key));
      set({ prediction: { idText, canonicalId: id, at: now(), settled } });
    },
    clear: () => set({ prediction: null }),
  }));
}
