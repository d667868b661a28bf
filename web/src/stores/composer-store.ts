import { createStore } from 'zustand/vanilla';

export const BURST_MIN = 1;
export const BURST_MAX = 1000;
export const BURST_DEFAULT = 10;
const TEXT_KEY = 'rpc-playground.composer.text';

/** The subset of Web Storage the store needs, so tests can pass a Map-backed fake. */
export type TextStorage = Pick<Storage, 'getItem' | 'setItem'>;

export type ComposerState = {
  text: string;
  burstSize: number;
  setText(text: string): void;
  setBurstSize(size: number): void;
};

export type ComposerStore = ReturnType<typeof createComposerStore>;

export function clampBurstSize(size: number): number {
  if (!Number.isFinite(size)) return BURST_DEFAULT;
  return Math.min(BURST_MAX, Math.max(BURST_MIN, Math.round(size)));
}

/** The editor text survives a reload: every change is written to storage at once. */
export function createComposerStore(storage: TextStorage | null, initialText: string) {
  const saved = readSaved(storage);
  return createStore<ComposerState>()((set) => ({
    text: saved ?? initialText,
    burstSize: BURST_DEFAULT,
    setText: (text) => {
      set({ text });
      writeSaved(storage, text);
    },
    setBurstSize: (size) => set({ burstSize: clampBurstSize(size) }),
  }));
}

// Storage may throw (quota, privacy mode); losing persistence must not lose the session.
function readSaved(storage: TextStorage | null): string | null {
  try {
    return storage?.getItem(TEXT_KEY) ?? null;
  } catch {
    return null;
  }
}

function writeSaved(storage: TextStorage | null, text: string): void {
  try {
    storage?.setItem(TEXT_KEY, text);
  } catch {
    // Persistence is best effort; the text stays in memory.
  }
}
