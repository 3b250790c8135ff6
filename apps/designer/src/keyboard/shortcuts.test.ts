import { describe, expect, it } from 'vitest';

import { commandFor, SHORTCUTS } from './shortcuts';

const key = (key: string, mods: Partial<KeyboardEvent> = {}) =>
  ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    target: null,
    ...mods,
  }) as KeyboardEvent;

describe('keyboard shortcuts', () => {
  it('tells undo from redo and N from Shift+N', () => {
    expect(commandFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandFor(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandFor(key('y', { metaKey: true }))).toBe('redo');
    expect(commandFor(key('n'))).toBe('new-entity');
    expect(commandFor(key('N', { shiftKey: true }))).toBe('new-note');
    expect(commandFor(key('ArrowUp', { altKey: true }))).toBe('field-up');
  });

  it('leaves keys typed into a field alone', () => {
    const input = { tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget;
    expect(commandFor(key('n', { target: input }))).toBeNull();
  });

  it('describes every command once', () => {
    expect(new Set(SHORTCUTS.map((s) => s.command)).size).toBe(SHORTCUTS.length);
  });
});
