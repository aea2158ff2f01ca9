import { useEffect, useRef } from 'react';

/** True while the person is typing (a field, a select's list, editable text): plain keys are theirs then. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="listbox"]') !== null;
}

/**
 * A single-key shortcut on the whole page (`n` for "next item", digits for reason
 * codes), ignored while typing in a field or with a modifier held, so it never eats text.
 */
export function useKeyShortcut(matches: (key: string) => boolean, onKey: (key: string) => void, enabled = true) {
  const latest = useRef({ matches, onKey });
  latest.current = { matches, onKey };
  useEffect(() => {
    if (!enabled) return undefined;
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTyping(event.target)) return;
      if (!latest.current.matches(event.key)) return;
      event.preventDefault();
      latest.current.onKey(event.key);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
