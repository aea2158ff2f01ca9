import { MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { FoldedOnPhone } from '../../app/FoldedOnPhone';
import { groupLabel } from './moderationText';
import { REASON_GROUPS, type QueueFilterValues } from './moderationQueueFilters';

const STATUS_LABELS = { open: 'Waiting', claimed: 'Claimed now', decided: 'Decided' } as const;

/**
 * Status, reason group and search; search applies on Enter so typing does not send a
 * request per key. On a phone the two selects fold behind "Filters" (the group chips
 * above filter by group too): the first items come on the first screen.
 */
export function QueueFilters({ values, onChange }: { values: QueueFilterValues; onChange: (next: QueueFilterValues) => void }) {
  const [search, setSearch] = useState(values.search);
  useEffect(() => setSearch(values.search), [values.search]);
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} role="search" aria-label="Queue filters">
      <FoldedOnPhone inForce={(values.status !== 'open' ? 1 : 0) + (values.reasonGroup ? 1 : 0)} gap={1.5}>
        <TextField select size="small" label="Status" value={values.status} onChange={(event) => onChange({ ...values, status: event.target.value as QueueFilterValues['status'] })} sx={{ minWidth: 160 }}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Reason group" value={values.reasonGroup} onChange={(event) => onChange({ ...values, reasonGroup: event.target.value })} sx={{ minWidth: 180 }}>
          <MenuItem value="">All groups</MenuItem>
          {REASON_GROUPS.map((group) => (
            <MenuItem key={group} value={group}>
              {groupLabel(group)}
            </MenuItem>
          ))}
        </TextField>
      </FoldedOnPhone>
      <TextField
        size="small"
        label="Search title, text or content id"
        value={search}
        onChange={(event) => setSearch(event.target.value.slice(0, 100))}
        onKeyDown={(event) => event.key === 'Enter' && onChange({ ...values, search })}
        onBlur={() => search !== values.search && onChange({ ...values, search })}
        type="search"
        sx={{ flexGrow: 1, minWidth: 0 }}
      />
    </Stack>
  );
}
