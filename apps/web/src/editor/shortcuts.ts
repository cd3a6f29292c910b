/**
 * Every keyboard shortcut of the rolling-text editor, in one place: the keymap binds them, the
 * toolbar announces them (aria-keyshortcuts, titles) and the help dialog lists them, so the three
 * cannot disagree.
 */

export type ShortcutId =
  | 'undo'
  | 'redo'
  | 'bracket'
  | 'agree'
  | 'alternative'
  | 'status'
  | 'paragraphAfter'
  | 'subparagraph'
  | 'boxAfter'
  | 'footnote'
  | 'comment'
  | 'markCurrent'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** ProseMirror keymap names ("Mod" is Cmd on Apple platforms and Ctrl elsewhere). */
  keys: string[];
  description: string;
}

export const shortcuts: readonly Shortcut[] = [
  { id: 'bracket', keys: ['Mod-Alt-b'], description: 'Put the selected text in square brackets' },
  { id: 'agree', keys: ['Mod-Alt-Shift-b'], description: 'Agree the text: remove the brackets around the cursor' },
  { id: 'alternative', keys: ['Mod-Alt-a'], description: 'Add an alternative to this paragraph (Alt 1, Alt 2…)' },
  { id: 'status', keys: ['Mod-Alt-s'], description: 'Change the paragraph’s status (under negotiation, ad referendum, agreed)' },
  { id: 'paragraphAfter', keys: ['Mod-Enter'], description: 'Insert a paragraph after this one' },
  { id: 'subparagraph', keys: ['Mod-Shift-Enter'], description: 'Insert a sub-paragraph' },
  { id: 'boxAfter', keys: ['Mod-Alt-Enter'], description: 'Insert a new box after this one, the caret in its title (the chair and the secretariat)' },
  { id: 'footnote', keys: ['Mod-Alt-f'], description: 'Insert a footnote, or open the one beside the caret' },
  { id: 'comment', keys: ['Mod-Alt-m'], description: 'Comment on the selected words (or on the paragraph at the cursor)' },
  // Bound by session mode's own plugin (session-mode/highlight-plugin.ts), listed here for the help.
  { id: 'markCurrent', keys: ['Mod-Alt-n'], description: 'Mark the paragraph at the cursor as the one under negotiation now (session mode; the chair and the secretariat)' },
  { id: 'undo', keys: ['Mod-z'], description: 'Undo your last change' },
  { id: 'redo', keys: ['Mod-Shift-z', 'Mod-y'], description: 'Redo' },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts (when not typing in the text)' },
];

export function shortcut(id: ShortcutId): Shortcut {
  const found = shortcuts.find((s) => s.id === id);
  if (!found) throw new Error(`no shortcut ${id}`);
  return found;
}

let applePlatform: boolean | undefined;

/** Read once: navigator.userAgentData is slow enough to show when a toolbar re-renders per keystroke. */
export function isApplePlatform(): boolean {
  if (applePlatform === undefined) {
    const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
    const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
    applePlatform = /mac|iphone|ipad|ipod/i.test(platform);
  }
  return applePlatform;
}

/**
 * Whether a keydown is the shortcut, for keys handled outside ProseMirror's keymap (which a read-only
 * editor does not run). Matched on the physical key: on a Mac, Option changes the character typed.
 */
export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, keys: string, apple = isApplePlatform()): boolean {
  const parts = keys.split('-');
  const key = parts.at(-1)!;
  const wants = (name: string) => parts.includes(name);
  const mod = apple ? event.metaKey : event.ctrlKey;
  if (mod !== wants('Mod') || event.altKey !== wants('Alt') || event.shiftKey !== wants('Shift')) return false;
  return key.length === 1 ? event.code === `Key${key.toUpperCase()}` || event.key.toLowerCase() === key : event.key === key;
}

const ariaNames: Record<string, string> = { Alt: 'Alt', Shift: 'Shift', Enter: 'Enter' };

/** "Mod-Alt-b" as aria-keyshortcuts spells it: "Control+Alt+B" (or "Meta+Alt+B" on a Mac). */
export function ariaKeys(keys: string, apple = isApplePlatform()): string {
  return keys
    .split('-')
    .map((part) => (part === 'Mod' ? (apple ? 'Meta' : 'Control') : (ariaNames[part] ?? part.toUpperCase())))
    .join('+');
}

/** "Mod-Alt-b" for people: "Ctrl+Alt+B" (or "⌘⌥B" on a Mac). */
export function displayKeys(keys: string, apple = isApplePlatform()): string[] {
  const names: Record<string, string> = apple
    ? { Mod: '⌘', Alt: '⌥', Shift: '⇧', Enter: 'Return' }
    : { Mod: 'Ctrl', Alt: 'Alt', Shift: 'Shift', Enter: 'Enter' };
  return keys.split('-').map((part) => names[part] ?? part.toUpperCase());
}
