/**
 * Every keyboard shortcut of the console, in the words the shortcuts dialog shows (press
 * "?" anywhere). The lookup's Ctrl-K, "?" and the queue's "n" read their key from here; the
 * decision form's digits and Ctrl-Enter, and the lookup's arrows, are wired where they act
 * (a form's own key handling) — change them there and here together.
 */
export interface KeyboardShortcut {
  /** Keys pressed together, as printed on the keyboard; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: readonly string[];
  does: string;
}

export const SHORTCUTS = {
  lookup: { keys: ['Mod', 'K'], does: 'Find a customer, from any page' },
  help: { keys: ['?'], does: 'Show these shortcuts' },
  close: { keys: ['Esc'], does: 'Close a dialog, a menu or the customer lookup' },
  lookupChoose: { keys: ['↑', '↓', 'Enter'], does: 'In the customer lookup: move through the results and open one' },
  nextItem: { keys: ['N'], does: 'Take the next item of the moderation queue' },
  reasonCode: { keys: ['1–9'], does: 'On a moderation item: pick the reason code of that number' },
  submitDecision: { keys: ['Mod', 'Enter'], does: 'On a moderation item: submit the decision' },
} as const satisfies Record<string, KeyboardShortcut>;

export const SHORTCUT_GROUPS: readonly { title: string; shortcuts: readonly KeyboardShortcut[] }[] = [
  { title: 'Anywhere', shortcuts: [SHORTCUTS.lookup, SHORTCUTS.lookupChoose, SHORTCUTS.help, SHORTCUTS.close] },
  { title: 'Moderation', shortcuts: [SHORTCUTS.nextItem, SHORTCUTS.reasonCode, SHORTCUTS.submitDecision] },
];

/** True on a Mac, iPhone or iPad, whose keyboards say ⌘ where others say Ctrl. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A key as this keyboard labels it: "Mod" is ⌘ on a Mac, Ctrl elsewhere. */
export function keyLabel(key: string): string {
  return key === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : key;
}
