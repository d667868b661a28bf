import type { CallsStore } from '../stores/calls-store';
import type { ComposerStore } from '../stores/composer-store';

/**
 * "Call" mode of a burst, like Go's client.Call in a loop: call i+1 is sent
 * only once call i has settled (answered, answered with an error, failed or
 * timed out). The sequencing rides on the calls store's outcomes, so a
 * timeout, a closed connection or a reply all move it on the same way, and
 * it needs no timer of its own.
 */

export type BurstProgress = { sent: number; total: number };

/** What a sequential burst should do next. */
export type BurstStep = { kind: 'send'; index: number } | { kind: 'wait' } | { kind: 'done' };

/** The bare sequence: which call goes next, given which calls have settled. */
export class SequentialBurst {
  readonly total: number;
  private nextIndex = 0;
  private awaited: string | null = null;
  private stopped = false;

  constructor(total: number) {
    this.total = total;
  }

  get progress(): BurstProgress {
    return { sent: this.nextIndex, total: this.total };
  }

  next(isSettled: (key: string) => boolean): BurstStep {
    if (this.stopped) return { kind: 'done' };
    if (this.awaited !== null && !isSettled(this.awaited)) return { kind: 'wait' };
    if (this.nextIndex >= this.total) return { kind: 'done' };
    return { kind: 'send', index: this.nextIndex };
  }

  /** Call `index` went out under `key`: it is the one to wait for now. */
  sent(index: number, key: string): void {
    if (index !== this.nextIndex) throw new Error(`call ${index} sent out of turn`);
    this.awaited = key;
    this.nextIndex += 1;
  }

  stop(): void {
    this.stopped = true;
  }
}

export type SequentialBurstDeps = {
  total: number;
  /** Sends call i; its key, or the sentence saying why nothing was sent. */
  send(index: number): { key: string } | { problem: string };
  isSettled(key: string): boolean;
  /** Calls `listener` after every change that may settle a call; returns the unsubscriber. */
  subscribe(listener: () => void): () => void;
  /** Told after each call sent. */
  onProgress(progress: BurstProgress): void;
  /** Told once when the burst is over: all sent and the last settled, stopped, or a send refused. */
  onFinish(problem: string | null): void;
};

/** Starts a Call-mode burst; the returned function stops it (idempotent). */
export function runSequentialBurst(deps: SequentialBurstDeps): () => void {
  const burst = new SequentialBurst(deps.total);
  let finished = false;
  let pumping = false;
  let unsubscribe: () => void = () => {};

  const finish = (problem: string | null) => {
    if (finished) return;
    finished = true;
    burst.stop();
    unsubscribe();
    deps.onFinish(problem);
  };

  // Sending changes the store, which calls pump again from inside send: the
  // flag turns that into one more turn of this loop instead of recursion.
  const pump = () => {
    if (pumping || finished) return;
    pumping = true;
    try {
      for (;;) {
        const step = burst.next(deps.isSettled);
        if (step.kind === 'wait') return;
        if (step.kind === 'done') return finish(null);
        const sent = deps.send(step.index);
        if ('problem' in sent) return finish(sent.problem);
        burst.sent(step.index, sent.key);
        deps.onProgress(burst.progress);
      }
    } finally {
      pumping = false;
    }
  };

  unsubscribe = deps.subscribe(pump);
  pump();
  return () => finish(null);
}

/**
 * A Call-mode burst of these request texts on the stores: each text goes out
 * through `dispatch` (the client stub's own send), the next once the calls
 * store shows the last one settled; the composer store's `burstRun` says how
 * far it got, null when over. `problem` is why the first call was not sent.
 */
export function runCallModeBurst(deps: {
  texts: readonly string[];
  dispatch(text: string): string | null;
  calls: CallsStore;
  composer: ComposerStore;
}): { stop: () => void; problem: string | null } {
  const { texts, dispatch, calls, composer } = deps;
  let sentAny = false;
  let problem: string | null = null;
  const stop = runSequentialBurst({
    total: texts.length,
    send: (index) => {
      const problem = dispatch(texts[index] ?? '');
      if (problem !== null) return { problem };
      // dispatch adds its call to the store before it returns: the newest call is this one.
      const key = calls.getState().calls.at(-1)?.key;
      return key === undefined ? { problem: 'the call was not recorded' } : { key };
    },
    isSettled: (key) => {
      const list = calls.getState().calls;
      // The awaited call is the newest or close to it: search from the end.
      for (let i = list.length - 1; i >= 0; i--) {
        const call = list[i];
        if (call?.key === key) return call.status !== 'pending';
      }
      return true;
    },
    subscribe: (listener) => calls.subscribe(listener),
    onProgress: (progress) => {
      sentAny = true;
      composer.getState().setBurstRun(progress);
    },
    onFinish: (refused) => {
      if (!sentAny) problem = refused;
      composer.getState().setBurstRun(null);
    },
  });
  return { stop, problem };
}
