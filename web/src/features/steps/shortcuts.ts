/** What a key does in the Steps view. */
export type ShortcutAction = 'toggle' | 'next' | 'previous' | 'help';

/** Where the key was pressed: a field that takes typing and arrows, a button (Space clicks it), or elsewhere. */
export type KeyTarget = 'field' | 'button' | 'other';

export type KeyPress = { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean };

/** The shortcut list the `?` dialog shows, in the order shown. */
export const SHORTCUT_KEYS: ReadonlyArray<{ keys: string; action: ShortcutAction }> = [
  { keys: 'Space', action: 'toggle' },
  { keys: '→', action: 'next' },
  { keys: '←', action: 'previous' },
  { keys: '?', action: 'help' },
];

/**
 * Keys never act while the person types (the editor, an input, a select or a
 * slider own their keys), nor with Ctrl/Alt/Meta (Ctrl+Enter sends), and
 * Space on a focused button stays that button's click.
 */
export function shortcutFor(press: KeyPress, target: KeyTarget): ShortcutAction | null {
  if (target === 'field' || press.ctrlKey || press.altKey || press.metaKey) return null;
  switch (press.key) {
    case ' ':
      return target === 'button' ? null : 'toggle';
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'previous';
    case '?':
      return 'help';
    default:
      return null;
  }
}
