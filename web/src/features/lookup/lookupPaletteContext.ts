import { createContext, useContext } from 'react';

/** Lets any part of the shell (the app bar box, the shortcut) open the palette with text. */
export interface LookupPalette {
  open(initialText?: string): void;
}

export const LookupPaletteContext = createContext<LookupPalette>({ open: () => undefined });

export function useLookupPalette(): LookupPalette {
  return useContext(LookupPaletteContext);
}
