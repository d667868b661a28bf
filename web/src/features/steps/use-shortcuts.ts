import { useEffect, useRef } from 'react';
import { type KeyTarget, type ShortcutAction, shortcutFor } from './shortcuts';

function keyTarget(target: EventTarget | null): KeyTarget {
  if (!(target instanceof Element)) return 'other';
  // Monaco types into a hidden textarea or, in Chromium, an EditContext element named as a textbox.
  const typing =
    'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], .monaco-editor';
  if (target.closest(typing)) return 'field';
  return target.closest('button, a[href], summary, [role="button"]') ? 'button' : 'other';
}

/** Page-wide shortcut keys for as long as the calling component is mounted. */
export function useShortcuts(onAction: (action: ShortcutAction) => void): void {
  const latest = useRef(onAction);
  latest.current = onAction;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event, keyTarget(event.target));
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
