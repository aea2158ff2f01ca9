import { ZSavedFilterSchema } from '@opsdesk/shared';
import BookmarkIcon from '@mui/icons-material/Bookmarks';
import { Button, Divider, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import { useListContext } from 'react-admin';
import { errorMessage } from '../../app/trpcErrors';
import { ConfirmWithInputDialog } from '../../app/ConfirmWithInputDialog';
import { toApiFilter, toFormFilter } from './customerListFilter';
import { useSavedFilters } from './useSavedFilters';

/** Pick a filter saved by anyone on the team, or save the current one under a name. */
export function SavedFiltersMenu() {
  const { filterValues, setFilters } = useListContext();
  const saved = useSavedFilters();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const filters = saved.list.data ?? [];
  return (
    <>
      <Button size="small" startIcon={<BookmarkIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu">
        Saved filters
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {saved.list.isPending && <MenuItem disabled>Loading…</MenuItem>}
        {!saved.list.isPending && filters.length === 0 && <MenuItem disabled>No saved filter yet</MenuItem>}
        {filters.map((saved) => (
          <MenuItem
            key={saved.id}
            onClick={() => {
              setFilters(toFormFilter(saved.filter), {});
              setAnchor(null);
            }}
          >
            <ListItemText primary={saved.name} secondary={describeOwner(saved)} />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setNaming(true);
          }}
        >
          Save current filter…
        </MenuItem>
      </Menu>
      <ConfirmWithInputDialog
        open={naming}
        title="Save this filter"
        description="Everyone on the team will see it under Saved filters."
        inputLabel="Name"
        confirmLabel="Save"
        pending={saved.save.isPending}
        error={saved.save.error ? errorMessage(saved.save.error) : null}
        schema={ZSavedFilterSchema.shape.name}
        requiredMessage="Give it a name."
        onConfirm={(name) => saved.save.mutate({ name: name.trim(), filter: toApiFilter(filterValues), shared: true }, { onSuccess: () => setNaming(false) })}
        onClose={() => {
          saved.save.reset();
          setNaming(false);
        }}
      />
    </>
  );
}

function describeOwner(saved: object): string | undefined {
  const owner = (saved as { ownerEmail?: string; owner?: { email?: string } }).ownerEmail ?? (saved as { owner?: { email?: string } }).owner?.email;
  return owner ? `by ${owner}` : undefined;
}
