import { useEffect, useRef } from 'react';
import { lintGoRequest } from '../../../../shared/jsonrpc/go-dialect';
import type { Language } from '../../../../shared/language';
import type { DialectName } from '../../client-stub/dialects';
import { MESSAGES } from '../../i18n/messages';
import { monaco, setMonacoLanguage } from '../../monaco/monaco-setup';
import { applyRequestSchema } from '../../monaco/request-schema';

type Props = {
  text: string;
  /** The editor's accessible name, in the page's language. */
  label: string;
  /** Picks the JSON schema Monaco validates against, and whether Go's lint runs. */
  dialect: DialectName;
  /** The lint's warnings are in this language; its errors are quoted under its words. */
  language: Language;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit(): void;
};

const MODEL_URI = monaco.Uri.parse('inmemory://rpc-playground/request.json');
const LINT_OWNER = 'go-dialect';

function lintMarkers(
  model: monaco.editor.ITextModel,
  dialect: DialectName,
  language: Language,
): monaco.editor.IMarkerData[] {
  // JSON-RPC 2.0's rules fit a schema; Go's need its own lint to say what its server will do.
  if (dialect !== 'go') return [];
  return lintGoRequest(model.getValue(), language).map((lint) => {
    const start = model.getPositionAt(lint.start);
    const end = model.getPositionAt(Math.max(lint.end, lint.start + 1));
    return {
      severity:
        lint.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message:
        lint.severity === 'error' ? MESSAGES[language].requestProblem(lint.message) : lint.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
}

/**
 * The Monaco editor for the request: one model for the editor's lifetime,
 * disposed with it. Monaco's JSON diagnostics run in its worker; the Go
 * dialect's lint adds markers of its own on every change.
 */
export function RequestEditor({ text, label, dialect, language, onChange, onSubmit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onSubmit, dialect, language });
  callbacks.current = { onChange, onSubmit, dialect, language };
  const initialText = useRef(text);
  const initialLabel = useRef(label);

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(initialText.current, 'json', MODEL_URI);
    const editor = monaco.editor.create(host.current, {
      model,
      ariaLabel: initialLabel.current,
      minimap: { enabled: false },
      automaticLayout: true,
      fontSize: 13,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      tabSize: 2,
      lineNumbersMinChars: 3,
      // Pasted or inserted JSON must arrive exactly as given: auto-closing and surrounding a
      // selection added stray quotes and braces when text replaced a selection.
      autoClosingBrackets: 'never',
      autoClosingQuotes: 'never',
      autoSurround: 'never',
      // The frame clips what overflows it; the hover and the problem widget must show whole.
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const changes = model.onDidChangeContent(() => {
      const { dialect, language } = callbacks.current;
      const markers = lintMarkers(model, dialect, language);
      monaco.editor.setModelMarkers(model, LINT_OWNER, markers);
      callbacks.current.onChange(model.getValue());
    });
    const submit = editor.addAction({
      id: 'rpc-playground.send',
      label: 'Send request',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => callbacks.current.onSubmit(),
    });
    return () => {
      submit.dispose();
      changes.dispose();
      editorRef.current = null;
      editor.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  useEffect(() => {
    applyRequestSchema(MODEL_URI.toString(), dialect, language);
    void setMonacoLanguage(language);
    const model = editorRef.current?.getModel();
    if (model)
      monaco.editor.setModelMarkers(model, LINT_OWNER, lintMarkers(model, dialect, language));
  }, [dialect, language]);

  // A template replaces the text from outside; typing never comes back here because the model already has it.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === text) return;
    editorRef.current?.executeEdits('template', [{ range: model.getFullModelRange(), text }]);
  }, [text]);

  return <div className="editor-host" ref={host} />;
}
