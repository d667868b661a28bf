import { createStore } from 'zustand/vanilla';

export const BURST_MIN = 1;
export const BURST_MAX = 10_000;
export const BURST_DEFAULT = 10;
/** Per-call timeout in seconds: a call with no answer by then fails, and a later answer is late. */
export const TIMEOUT_MIN_S = 1;
export const TIMEOUT_MAX_S = 3600;
export const TIMEOUT_DEFAULT_S = 30;
const TEXT_KEY = 'rpc-playground.composer.text';
const BURST_MODE_KEY = 'rpc-playground.composer.burst-mode';

/** "go": all calls at once, like client.Go; "call": one at a time, each after the last settled, like client.Call. */
export const BURST_MODES = ['go', 'call'] as const;
export type BurstMode = (typeof BURST_MODES)[number];

/** A Call-mode burst still sending: how far it got. */
export type BurstRun = { sent: number; total: number };

/** The subset of Web Storage the store needs, so tests can pass a Map-backed fake. */
export type TextStorage = Pick<Storage, 'getItem' | 'setItem'>;

export type ComposerState = {
  text: string;
  burstSize: number;
  timeoutSeconds: number;
  burstMode: BurstMode;
  /** Set while a Call-mode burst is running (the client stub updates it). */
  burstRun: BurstRun | null;
  setText(text: string): void;
  setBurstSize(size: number): void;
  setTimeoutSeconds(seconds: number): void;
  setBurstMode(mode: BurstMode): void;
  setBurstRun(run: BurstRun | null): void;
};

export type ComposerStore = ReturnType<typeof createComposerStore>;

export function clampBurstSize(size: number): number {
  if (!Number.isFinite(size)) return BURST_DEFAULT;
  return Math.min(BURST_MAX, Math.max(BURST_MIN, Math.round(size)));
}

export function clampTimeoutSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return TIMEOUT_DEFAULT_S;
  return Math.min(TIMEOUT_MAX_S, Math.max(TIMEOUT_MIN_S, Math.round(seconds)));
}

/** The editor text survives a reload: every change is written to storage at once. */
export function createComposerStore(storage: TextStorage | null, initialText: string) {
  const saved = readSaved(storage);
  return createStore<ComposerState>()((set) => ({
    text: saved ?? initialText,
    burstSize: BURST_DEFAULT,
    timeoutSeconds: TIMEOUT_DEFAULT_S,
    burstMode: readBurstMode(storage),
    burstRun: null,
    setText: (text) => {
      set({ text });
      writeSaved(storage, text);
    },
    setBurstSize: (size) => set({ burstSize: clampBurstSize(size) }),
    setTimeoutSeconds: (seconds) => set({ timeoutSeconds: clampTimeoutSeconds(seconds) }),
    setBurstMode: (burstMode) => {
      set({ burstMode });
      try {
        storage?.setItem(BURST_MODE_KEY, burstMode);
      } catch {
        // Persistence is best effort; the choice holds for this visit.
      }
    },
    setBurstRun: (burstRun) => set({ burstRun }),
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

function readBurstMode(storage: TextStorage | null): BurstMode {
  try {
    const saved = storage?.getItem(BURST_MODE_KEY);
    return BURST_MODES.find((mode) => mode === saved) ?? 'go';
  } catch {
    return 'go';
  }
}

function writeSaved(storage: TextStorage | null, text: string): void {
  try {
    storage?.setItem(TEXT_KEY, text);
  } catch {
    // Persistence is best effort; the text stays in memory.
  }
}
