import { describe, expect, it } from 'vitest';
import { BURST_DEFAULT, BURST_MAX, clampBurstSize, createComposerStore } from './composer-store';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      map.set(key, value);
    },
  };
}

describe('composer store', () => {
  it('remembers the burst mode across a reload, Go mode by default', () => {
    const storage = memoryStorage();
    const first = createComposerStore(storage, '');
    expect(first.getState().burstMode).toBe('go');
    first.getState().setBurstMode('call');
    expect(createComposerStore(storage, '').getState().burstMode).toBe('call');
    storage.setItem('rpc-playground.composer.burst-mode', 'bogus');
    expect(createComposerStore(storage, '').getState().burstMode).toBe('go');
  });

  it('starts from the initial text, then keeps every edit across a reload', () => {
    const storage = memoryStorage();
    const first = createComposerStore(storage, '{"method":"A.B"}');
    expect(first.getState().text).toBe('{"method":"A.B"}');
    first.getState().setText('{"method": oops');
    const reloaded = createComposerStore(storage, '{"method":"A.B"}');
    expect(reloaded.getState().text).toBe('{"method": oops');
  });

  it('survives storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const store = createComposerStore(broken, 'x');
    store.getState().setText('y');
    expect(store.getState().text).toBe('y');
  });

  it('clamps the burst size to 1..10000', () => {
    expect(clampBurstSize(0)).toBe(1);
    expect(clampBurstSize(50_000)).toBe(BURST_MAX);
    expect(clampBurstSize(Number.NaN)).toBe(BURST_DEFAULT);
    expect(clampBurstSize(7.4)).toBe(7);
  });
});
