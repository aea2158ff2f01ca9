import SortIcon from '@mui/icons-material/Sort';
import { Button, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import { useListContext } from 'react-admin';

/** The orders the server can page through by keyset (lookup.list's `sort`). */
const ORDERS = [
  { label: 'Newest signups first', field: 'signupAt', order: 'DESC' },
  { label: 'Oldest signups first', field: 'signupAt', order: 'ASC' },
  { label: 'Email A→Z', field: 'email', order: 'ASC' },
  { label: 'Highest MRR first', field: 'mrr', order: 'DESC' },
] as const;

export function CustomerSortMenu() {
  const { sort, setSort } = useListContext();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const current = ORDERS.find((o) => o.field === sort.field && o.order === sort.order) ?? ORDERS[0];
  return (
    <>
      <Button size="small" startIcon={<SortIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu">
        {current.label}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {ORDERS.map((o) => (
          <MenuItem
            key={o.label}
            selected={o === current}
            onClick={() => {
              setSort({ field: o.field, order: o.order });
              setAnchor(null);
            }}
          >
            {o.label}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
