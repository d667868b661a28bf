import { useEffect, useRef } from 'react';
import { lintGoRequest } from '../../../../shared/jsonrpc/go-dialect';
import { monaco } from '../../monaco/monaco-setup';

type Props = {
  text: string;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onSubmit(): void;
};

const MODEL_URI = monaco.Uri.parse('inmemory://rpc-playground/request.json');
const LINT_OWNER = 'go-dialect';

function lintMarkers(model: monaco.editor.ITextModel): monaco.editor.IMarkerData[] {
  return lintGoRequest(model.getValue()).map((lint) => {
    const start = model.getPositionAt(lint.start);
    const end = model.getPositionAt(Math.max(lint.end, lint.start + 1));
    return {
      severity:
        lint.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: lint.message,
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
export function RequestEditor({ text, onChange, onSubmit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };
  const initialText = useRef(text);

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(initialText.current, 'json', MODEL_URI);
    const editor = monaco.editor.create(host.current, {
      model,
      ariaLabel: 'Request',
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
    });
    editorRef.current = editor;
    monaco.editor.setModelMarkers(model, LINT_OWNER, lintMarkers(model));
    const changes = model.onDidChangeContent(() => {
      monaco.editor.setModelMarkers(model, LINT_OWNER, lintMarkers(model));
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

  // A template replaces the text from outside; typing never comes back here because the model already has it.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === text) return;
    editorRef.current?.executeEdits('template', [{ range: model.getFullModelRange(), text }]);
  }, [text]);

  return <div className="editor-host" ref={host} />;
}
