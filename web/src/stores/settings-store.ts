import { createStore } from 'zustand/vanilla';
import { LANGUAGES, type Language } from '../../../shared/language';
import type { TextStorage } from './composer-store';

export { LANGUAGES, type Language };

const LANGUAGE_KEY = 'rpc-playground.settings.language';

export type SettingsState = {
  language: Language;
  /** Classroom mode: side panels hidden, the diagram large. */
  projection: boolean;
  setLanguage(language: Language): void;
  setProjection(on: boolean): void;
};

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** The language choice survives a reload; projection mode is per visit. */
export function createSettingsStore(storage: TextStorage | null) {
  return createStore<SettingsState>()((set) => ({
    language: readLanguage(storage),
    projection: false,
    setLanguage: (language) => {
      set({ language });
      try {
        storage?.setItem(LANGUAGE_KEY, language);
      } catch {
        // Persistence is best effort; the choice holds for this visit.
      }
    },
    setProjection: (projection) => set({ projection }),
  }));
}

function readLanguage(storage: TextStorage | null): Language {
  try {
    const saved = storage?.getItem(LANGUAGE_KEY);
    return LANGUAGES.find((language) => language === saved) ?? 'en';
  } catch {
    return 'en';
  }
}
