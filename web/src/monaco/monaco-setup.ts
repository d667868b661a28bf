import * as monaco from 'monaco-editor/editor/editor.api';
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

export { monaco };
