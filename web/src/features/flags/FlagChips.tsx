import { Chip, Stack } from '@mui/material';
import { environmentStatesText, flagTypeLabel, orderedEnvironments, staleText } from './flagText';

/** The small labels flags carry in the list and on their page: type, per-environment state, stale. */
export function FlagTypeChip({ type }: { type: string }) {
  return <Chip size="small" variant="outlined" label={flagTypeLabel(type)} />;
}

export function FlagEnvironmentChips({ states, order }: { states: Record<string, boolean>; order: readonly string[] }) {
  const names = orderedEnvironments(states, order);
  return (
    <Stack direction="row" flexWrap="wrap" useFlexGap gap={0.5} aria-label={environmentStatesText(states, order)}>
      {names.length === 0 && <Chip size="small" variant="outlined" label="off everywhere" />}
      {names.map((name) => (
        <Chip key={name} size="small" color={states[name] ? 'success' : 'default'} variant={states[name] ? 'filled' : 'outlined'} label={`${name}: ${states[name] ? 'on' : 'off'}`} />
      ))}
    </Stack>
  );
}

export function FlagStaleChip({ updatedAt }: { updatedAt: string }) {
  return <Chip size="small" color="warning" label={staleText(updatedAt)} />;
}

export function FlagArchivedChip() {
  return <Chip size="small" label="Archived" />;
}
