import { MenuItem, Stack, TextField } from '@mui/material';
import { FLAG_TYPES } from '@opsdesk/shared/flags/flagsApi.schemas';
import type { FlagFormErrors, FlagFormValues } from './flagForm';
import { FLAG_TYPE_LABELS } from './flagText';
import type { OwnerOption } from './useOwnerOptions';

/** A flag's fields (the key only when creating: it is the flag's identity); each shows its message underneath. */
export function FlagFormFields({ values, errors, owners, creating, onChange }: { values: FlagFormValues; errors: FlagFormErrors; owners: OwnerOption[]; creating: boolean; onChange: (values: FlagFormValues) => void }) {
  const set = (change: Partial<FlagFormValues>) => onChange({ ...values, ...change });
  return (
    <Stack spacing={2}>
      {creating && (
        <TextField
          label="Key"
          name="key"
          required
          autoFocus
          value={values.key}
          onChange={(event) => set({ key: event.target.value })}
          error={Boolean(errors.key)}
          helperText={errors.key ?? 'What the product asks for, e.g. checkout.new-flow. It cannot be changed later.'}
          slotProps={{ htmlInput: { maxLength: 200, spellCheck: false, autoCapitalize: 'off' } }}
          fullWidth
        />
      )}
      <TextField label="Description" name="description" multiline minRows={2} value={values.description} onChange={(event) => set({ description: event.target.value })} error={Boolean(errors.description)} helperText={errors.description ?? 'What the flag is for and when it can go.'} slotProps={{ htmlInput: { maxLength: 2000 } }} fullWidth />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField select label="Type" name="type" value={values.type} onChange={(event) => set({ type: event.target.value as FlagFormValues['type'] })} error={Boolean(errors.type)} helperText={errors.type ?? 'Release and experiment flags go stale after 40 days, operational after 7.'} fullWidth>
          {FLAG_TYPES.map((type) => (
            <MenuItem key={type} value={type}>
              {FLAG_TYPE_LABELS[type]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Owner" name="ownerId" value={values.ownerId} onChange={(event) => set({ ownerId: event.target.value })} error={Boolean(errors.ownerId)} helperText={errors.ownerId ?? 'Who cleans it up when it goes stale.'} fullWidth>
          <MenuItem value="">Nobody</MenuItem>
          {owners.map((owner) => (
            <MenuItem key={owner.id} value={owner.id}>
              {owner.name}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <TextField label="Tags" name="tags" value={values.tags} onChange={(event) => set({ tags: event.target.value })} error={Boolean(errors.tags)} helperText={errors.tags ?? 'Separated by commas or spaces; lower case, e.g. checkout, team:payments.'} slotProps={{ htmlInput: { maxLength: 1100, spellCheck: false, autoCapitalize: 'off' } }} fullWidth />
    </Stack>
  );
}
