import FilterListIcon from '@mui/icons-material/FilterList';
import { Button, Collapse, Stack } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { usePhoneLayout } from './usePhoneLayout';

/**
 * A list's or a dashboard's secondary filters: inline on a wide screen; on a phone folded
 * behind a "Filters" button that counts those in force ("Filters (2)"), so the records or
 * numbers come on the first screen instead of a stack of fields. Goes inside the filters'
 * own flex row, after the fields that stay in view (a search, a range).
 */
export function FoldedOnPhone({ inForce, gap = 2, children }: { inForce: number; gap?: number; children: ReactNode }) {
  const phone = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const foldId = useId();
  if (!phone) return <>{children}</>;
  return (
    <>
      <Button variant="text" size="small" startIcon={<FilterListIcon />} sx={{ alignSelf: 'flex-start' }} aria-expanded={open} aria-controls={foldId} onClick={() => setOpen(!open)}>
        {inForce ? `Filters (${inForce})` : 'Filters'}
      </Button>
      {/* Closed, out of the row: an empty line there still took the row's gap under the button. */}
      <Collapse in={open} id={foldId} sx={{ width: '100%', '&.MuiCollapse-hidden': { display: 'none' } }}>
        <Stack direction="row" flexWrap="wrap" useFlexGap gap={gap} sx={{ pt: 1 }}>
          {children}
        </Stack>
      </Collapse>
    </>
  );
}
