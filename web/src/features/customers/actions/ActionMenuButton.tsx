import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import { Button, Menu, MenuItem, type ButtonProps } from '@mui/material';
import { useState, type ReactNode } from 'react';

/** A button opening a menu of actions; picking one hands its key to `onPick` (which opens its dialog). */
export function ActionMenuButton<TAction extends string>({
  label,
  items,
  onPick,
  buttonProps,
}: {
  label: ReactNode;
  items: { action: TAction; label: string }[];
  onPick: (action: TAction) => void;
  buttonProps?: ButtonProps;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Button endIcon={<ArrowDropDownIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu" {...buttonProps}>
        {label}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {items.map(({ action, label: itemLabel }) => (
          <MenuItem
            key={action}
            onClick={() => {
              setAnchor(null);
              onPick(action);
            }}
          >
            {itemLabel}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
