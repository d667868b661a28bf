import { useStore } from 'zustand';
import { useApp } from '../app/app-context';
import type { Language } from '../stores/settings-store';
import { MESSAGES, type Messages } from './messages';

export function useLanguage(): Language {
  return useStore(useApp().settings, (s) => s.language);
}

/** The control texts in the chosen language. */
export function useMessages(): Messages {
  return MESSAGES[useLanguage()];
}
