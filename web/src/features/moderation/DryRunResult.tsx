import { Alert, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { storedWordsLabel } from '../../app/productWords';
import { errorMessage } from '../../app/trpcErrors';
import { formatDateTime } from './moderationText';
import { dryRunHitText, dryRunSummary } from './ruleText';
import type { useDryRun } from './useRules';

/**
 * What a dry run found: how much content it scanned, how many items match, and the first
 * ones with why, what and in what state (in words, as the item page's chip).
 */
export function DryRunResult({ dryRun }: { dryRun: ReturnType<typeof useDryRun> }) {
  if (dryRun.error) return <Alert severity="error">{errorMessage(dryRun.error)}</Alert>;
  if (!dryRun.data) return null;
  const { hits } = dryRun.data;
  return (
    <Stack spacing={0.5} component="section" aria-label="Dry run">
      <Typography variant="body2" role="status">
        {dryRunSummary(dryRun.data)}
      </Typography>
      <List dense disablePadding>
        {hits.slice(0, 20).map((hit) => (
          <ListItem key={hit.contentId} disableGutters>
            <ListItemText {...dryRunHitText(hit, formatDateTime(hit.createdAt), storedWordsLabel)} primaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }} secondaryTypographyProps={{ sx: { overflowWrap: 'anywhere' } }} />
          </ListItem>
        ))}
      </List>
    </Stack>
  );
}
