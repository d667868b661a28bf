import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('maps Space, the arrows and ? to their actions', () => {
    expect(shortcutFor(press(' '), 'other')).toBe('toggle');
    expect(shortcutFor(press('ArrowRight'), 'other')).toBe('next');
    expect(shortcutFor(press('ArrowLeft'), 'button')).toBe('previous');
    expect(shortcutFor(press('?'), 'other')).toBe('help');
    expect(shortcutFor(press('a'), 'other')).toBeNull();
  });

  it('never fires while typing in the editor or a field', () => {
    for (const key of [' ', 'ArrowRight', 'ArrowLeft', '?']) {
      expect(shortcutFor(press(key), 'field')).toBeNull();
    }
  });

  it('leaves Space to a focused button and keys with Ctrl, Alt or Meta alone', () => {
    expect(shortcutFor(press(' '), 'button')).toBeNull();
    expect(shortcutFor(press('ArrowRight', { ctrlKey: true }), 'other')).toBeNull();
    expect(shortcutFor(press('ArrowLeft', { altKey: true }), 'other')).toBeNull();
    expect(shortcutFor(press('?', { metaKey: true }), 'other')).toBeNull();
  });
});
