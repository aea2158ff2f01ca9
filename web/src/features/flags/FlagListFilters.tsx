import { Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { FLAG_TYPES } from '@opsdesk/shared/flags/flagsApi.schemas';
import { FoldedOnPhone } from '../../app/FoldedOnPhone';
import { EMPTY_FILTERS, filtersInForce, hasFilters, type FlagListFilterValues } from './flagListFilters';
import { FLAG_TYPE_LABELS } from './flagText';
import type { OwnerOption } from './useOwnerOptions';

/**
 * The list's filters; each change applies at once (and goes into the address). On a phone
 * all but the search fold behind a "Filters" button (FoldedOnPhone).
 */
export function FlagListFilters({ values, environments, owners, onChange }: { values: FlagListFilterValues; environments: string[]; owners: OwnerOption[]; onChange: (values: FlagListFilterValues) => void }) {
  const set = (change: Partial<FlagListFilterValues>) => onChange({ ...values, ...change });
  // Selects show their "any" choice instead of an empty box under a floating label.
  const showEmpty = { inputLabel: { shrink: true }, select: { displayEmpty: true } } as const;
  return (
    <Stack component="form" role="search" aria-label="Filter flags" direction="row" flexWrap="wrap" useFlexGap gap={1.5} alignItems="center" onSubmit={(event) => event.preventDefault()}>
      <TextField label="Search keys" type="search" size="small" value={values.search} onChange={(event) => set({ search: event.target.value })} slotProps={{ htmlInput: { maxLength: 100 } }} sx={{ width: { xs: '100%', sm: 220 } }} />
      <FoldedOnPhone inForce={filtersInForce(values)} gap={1.5}>
        <TextField select label="Type" size="small" slotProps={showEmpty} value={values.type} onChange={(event) => set({ type: event.target.value as FlagListFilterValues['type'] })} sx={{ width: { xs: '100%', sm: 160 } }}>
          <MenuItem value="">Any type</MenuItem>
          {FLAG_TYPES.map((type) => (
            <MenuItem key={type} value={type}>
              {FLAG_TYPE_LABELS[type]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Owner" size="small" slotProps={showEmpty} value={values.mine ? '' : values.ownerId} disabled={values.mine} onChange={(event) => set({ ownerId: event.target.value })} sx={{ width: { xs: '100%', sm: 200 } }}>
          <MenuItem value="">Anyone</MenuItem>
          {owners.map((owner) => (
            <MenuItem key={owner.id} value={owner.id}>
              {owner.name}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" gap={1} sx={{ width: { xs: '100%', sm: 'auto' } }}>
          <TextField select label="Environment" size="small" slotProps={showEmpty} value={values.environment} onChange={(event) => set({ environment: event.target.value })} sx={{ flex: 1, minWidth: { sm: 150 } }}>
            <MenuItem value="">Any environment</MenuItem>
            {environments.map((name) => (
              <MenuItem key={name} value={name}>
                {name}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label="State" size="small" slotProps={showEmpty} value={values.state} disabled={!values.environment} onChange={(event) => set({ state: event.target.value as FlagListFilterValues['state'] })} sx={{ flex: 1, minWidth: { sm: 110 } }}>
            <MenuItem value="">On or off</MenuItem>
            <MenuItem value="on">On</MenuItem>
            <MenuItem value="off">Off</MenuItem>
          </TextField>
        </Stack>
        <Stack direction="row" flexWrap="wrap" useFlexGap>
          <FormControlLabel control={<Checkbox checked={values.stale} onChange={(event) => set({ stale: event.target.checked })} />} label="Stale only" />
          <FormControlLabel control={<Checkbox checked={values.mine} onChange={(event) => set({ mine: event.target.checked, ownerId: '' })} />} label="Mine only" />
          <FormControlLabel control={<Checkbox checked={values.archived} onChange={(event) => set({ archived: event.target.checked })} />} label="Include archived" />
        </Stack>
      </FoldedOnPhone>
      {hasFilters(values) && (
        <Button size="small" onClick={() => onChange(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Stack>
  );
}
