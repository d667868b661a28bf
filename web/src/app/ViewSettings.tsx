import { useStore } from 'zustand';
import { LANGUAGE_NAMES } from '../i18n/messages';
import { useMessages } from '../i18n/use-messages';
import { LANGUAGES, type Language } from '../stores/settings-store';
import { useApp } from './app-context';

/** The page's own settings: its language (remembered) and projection mode for a classroom. */
export function ViewSettings() {
  const t = useMessages();
  const { settings } = useApp();
  const language = useStore(settings, (s) => s.language);
  const projection = useStore(settings, (s) => s.projection);
  return (
    <div className="view-settings">
      <label className="field">
        <span className="field-label">{t.language}</span>
        <select
          value={language}
          onChange={(event) => settings.getState().setLanguage(event.target.value as Language)}
        >
          {LANGUAGES.map((option) => (
            <option key={option} value={option} lang={option}>
              {LANGUAGE_NAMES[option]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        aria-pressed={projection}
        onClick={() => settings.getState().setProjection(!projection)}
      >
        {t.projectionMode}
      </button>
    </div>
  );
}
