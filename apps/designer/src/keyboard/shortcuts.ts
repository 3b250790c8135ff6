/** The designer's keyboard shortcuts: one list, for the handler and the help panel. */
export type Command =
  | 'undo'
  | 'redo'
  | 'delete'
  | 'new-entity'
  | 'new-note'
  | 'layout'
  | 'fit'
  | 'search'
  | 'help'
  | 'deselect'
  | 'field-up'
  | 'field-down';

export interface Shortcut {
  command: Command;
  keys: string;
  description: string;
  matches: (e: KeyboardEvent) => boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    command: 'undo',
    keys: 'Ctrl+Z',
    description: 'Undo your last edit',
    matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
  },
  {
    command: 'redo',
    keys: 'Ctrl+Shift+Z / Ctrl+Y',
    description: 'Redo what you undid',
    matches: (e) =>
      mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
  },
  {
    command: 'delete',
    keys: 'Delete',
    description: 'Delete the selected entity, field, relation or note',
    matches: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  {
    command: 'new-entity',
    keys: 'N',
    description: 'New entity',
    matches: (e) => plain(e) && e.key.toLowerCase() === 'n',
  },
  {
    command: 'new-note',
    keys: 'Shift+N',
    description: 'New note',
    matches: (e) => e.shiftKey && !mod(e) && e.key.toLowerCase() === 'n',
  },
  {
    command: 'layout',
    keys: 'L',
    description: 'Lay the diagram out automatically',
    matches: (e) => plain(e) && e.key.toLowerCase() === 'l',
  },
  {
    command: 'fit',
    keys: 'F',
    description: 'Fit the diagram to the window',
    matches: (e) => plain(e) && e.key.toLowerCase() === 'f',
  },
  {
    command: 'search',
    keys: 'Ctrl+K or /',
    description: 'Find an entity and jump to it',
    matches: (e) => (mod(e) && e.key.toLowerCase() === 'k') || (plain(e) && e.key === '/'),
  },
  {
    command: 'help',
    keys: '?',
    description: 'Show or hide this help',
    matches: (e) => e.key === '?',
  },
  {
    command: 'deselect',
    keys: 'Esc',
    description: 'Clear the selection',
    matches: (e) => e.key === 'Escape',
  },
  {
    command: 'field-up',
    keys: 'Alt+↑',
    description: 'Move the selected field up',
    matches: (e) => e.altKey && e.key === 'ArrowUp',
  },
  {
    command: 'field-down',
    keys: 'Alt+↓',
    description: 'Move the selected field down',
    matches: (e) => e.altKey && e.key === 'ArrowDown',
  },
];

/** The command a key press means, unless it is typed into a field. */
export function commandFor(e: KeyboardEvent): Command | null {
  const target = e.target as HTMLElement | null;
  if (
    target &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
    return null;
  // Shift+N before N: the more specific first.
  const ordered = [...SHORTCUTS].sort(
    (a, b) => Number(b.keys.includes('Shift')) - Number(a.keys.includes('Shift')),
  );
  return ordered.find((s) => s.matches(e))?.command ?? null;
}
