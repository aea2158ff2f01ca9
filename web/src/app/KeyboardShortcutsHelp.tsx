import { Box, Dialog, DialogContent, DialogTitle, IconButton, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { createContext, Fragment, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { keyLabel, SHORTCUT_GROUPS, SHORTCUTS } from './keyboardShortcuts';
import { useKeyShortcut } from './useKeyShortcut';

const ShortcutsHelpContext = createContext<{ open: () => void }>({ open: () => undefined });

/** Opens the keyboard shortcuts dialog (the user menu's "Keyboard shortcuts" entry). */
export function useKeyboardShortcutsHelp(): { open: () => void } {
  return useContext(ShortcutsHelpContext);
}

/**
 * Mounted once in the layout: "?" anywhere (not while typing) opens the list of the
 * console's shortcuts, as in the tools people already know (GitHub, Gmail, Linear), so a
 * shortcut is found without reading docs.
 */
export function KeyboardShortcutsHelpProvider({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const open = useCallback(() => setOpen(true), []);
  useKeyShortcut((key) => key === SHORTCUTS.help.keys[0], open);
  const value = useMemo(() => ({ open }), [open]);
  return (
    <ShortcutsHelpContext.Provider value={value}>
      {children}
      <Dialog open={isOpen} onClose={() => setOpen(false)} aria-labelledby="keyboard-shortcuts-title" fullWidth maxWidth="sm">
        <DialogTitle id="keyboard-shortcuts-title" sx={{ pr: 6 }}>
          Keyboard shortcuts
        </DialogTitle>
        <IconButton aria-label="Close" onClick={() => setOpen(false)} sx={{ position: 'absolute', right: 8, top: 8 }}>
          <CloseIcon />
        </IconButton>
        <DialogContent>
          {SHORTCUT_GROUPS.map((group) => (
            <Box key={group.title} component="section" aria-labelledby={`shortcuts-${group.title}`} sx={{ '& + &': { mt: 2 } }}>
              <Typography id={`shortcuts-${group.title}`} variant="subtitle2" component="h3">
                {group.title}
              </Typography>
              <Table size="small">
                <TableBody>
                  {group.shortcuts.map((shortcut) => (
                    <TableRow key={shortcut.does}>
                      <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap', width: '1%', pl: 0 }}>
                        <Keys keys={shortcut.keys} />
                      </TableCell>
                      <TableCell>{shortcut.does}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ))}
        </DialogContent>
      </Dialog>
    </ShortcutsHelpContext.Provider>
  );
}

/** A shortcut's keys, each as a key cap ("Ctrl" "K"). */
function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && ' '}
          <Box
            component="kbd"
            sx={{ fontFamily: 'inherit', fontSize: '0.8125rem', px: 0.75, py: 0.25, border: 1, borderColor: 'divider', borderBottomWidth: 2, borderRadius: 1, bgcolor: 'action.hover' }}
          >
            {keyLabel(key)}
          </Box>
        </Fragment>
      ))}
    </>
  );
}
