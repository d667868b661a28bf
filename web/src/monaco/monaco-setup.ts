import * as monaco from 'monaco-editor/editor/editor.api';
import type { Language } from '../../../shared/language';
import 'monaco-editor/language/json/monaco.contribution';
// The editor API alone draws a marker's squiggle but never says its message:
// hover shows it to the mouse, F8 (go to next problem) to the keyboard.
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

/**
 * Monaco and its workers come from node_modules through Vite, never from a
 * CDN, so the page works offline. (@monaco-editor/react is not used: its
 * loader carries a CDN default we do not want in the bundle.)
 */
export function setUpMonaco(): void {
  self.MonacoEnvironment = {
    getWorker: (_workerId: string, label: string) =>
      label === 'json' ? new JsonWorker() : new EditorWorker(),
  };
}

/** The globals Monaco's own words are looked up in, each time it says one. */
type MonacoNls = { _VSCODE_NLS_MESSAGES?: readonly string[] };

let chinese: readonly string[] | undefined;
let wanted: Language = 'en';

/**
 * Monaco's own words (its hover, the problem widget) in the page's language.
 * Its Chinese table (97 KB built) is a chunk of its own, loaded the first
 * time it is asked for; English is built in.
 */
export async function setMonacoLanguage(language: Language): Promise<void> {
  const nls = globalThis as MonacoNls;
  wanted = language;
  if (language === 'zh' && chinese === undefined) {
    await import('monaco-editor/nls/lang/zh-cn');
    chinese = nls._VSCODE_NLS_MESSAGES;
  }
  // English again while the table loaded: the last choice wins.
  if (wanted === 'zh') nls._VSCODE_NLS_MESSAGES = chinese;
  else delete nls._VSCODE_NLS_MESSAGES;
}

export { monaco };
