import { Link } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { runbookEntry } from './runbookDoc';
import { RunbookEntryDialog } from './RunbookEntryDialog';

/**
 * "Runbook entry: <its title>", opening the entry itself (RunbookEntryDialog) in the
 * console. A button, not an anchor: it may sit inside a card's link without nesting links.
 */
export function RunbookEntryLink({ anchor, prefix = 'Runbook entry: ' }: { anchor: string; prefix?: string }) {
  const [open, setOpen] = useState(false);
  const openEntry = (event: MouseEvent) => {
    event.stopPropagation();
    setOpen(true);
  };
  return (
    <>
      <Link component="button" type="button" variant="body2" onClick={openEntry} sx={{ textAlign: 'left', verticalAlign: 'baseline', overflowWrap: 'anywhere' }}>
        {prefix}
        {runbookEntry(anchor)?.title ?? anchor}
      </Link>
      <RunbookEntryDialog anchor={anchor} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
