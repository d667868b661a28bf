import { useEffect, useId, useRef } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { SHORTCUT_KEYS, type ShortcutAction } from './shortcuts';

/** The `?` dialog: a native modal, so focus, Escape and the backdrop behave as people expect. */
export function ShortcutsDialog(props: { open: boolean; onClose: () => void }) {
  const t = useMessages();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { open, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const words: Record<ShortcutAction, string> = {
    toggle: t.shortcutToggle,
    next: t.shortcutNext,
    previous: t.shortcutPrevious,
    help: t.shortcutHelp,
  };

  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="panel-title">
        {t.shortcuts}
      </h2>
      <dl className="shortcut-list">
        {SHORTCUT_KEYS.map((shortcut) => (
          <div key={shortcut.action} className="shortcut">
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{words[shortcut.action]}</dd>
          </div>
        ))}
      </dl>
      <p className="panel-note">{t.shortcutEditorNote}</p>
      <button type="button" className="button" onClick={onClose}>
        {t.close}
      </button>
    </dialog>
  );
}
