import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { SHORTCUTS } from '../../app/keyboardShortcuts';
import { LookupPaletteContext } from './lookupPaletteContext';
import { LookupPaletteDialog } from './LookupPaletteDialog';

const LOOKUP_KEY = SHORTCUTS.lookup.keys[1].toLowerCase();

/** Mounted once in the layout: the palette, and Ctrl-K / Cmd-K to open it from any screen. */
export function LookupProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState({ open: false, initialText: '' });
  const open = useCallback((initialText = '') => setState({ open: true, initialText }), []);
  const close = useCallback(() => setState((current) => ({ ...current, open: false })), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === LOOKUP_KEY) {
        event.preventDefault(); // Browsers bind Ctrl-K to their own search bar.
        open();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  const palette = useMemo(() => ({ open }), [open]);
  return (
    <LookupPaletteContext.Provider value={palette}>
      {children}
      <LookupPaletteDialog open={state.open} initialText={state.initialText} onClose={close} />
    </LookupPaletteContext.Provider>
  );
}
