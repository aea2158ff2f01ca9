import type { TFlagImpact } from '@opsdesk/shared/flags/flagsApi.schemas';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../../app/trpcErrors';
import { ImpactSummary } from '../changes/ImpactSummary';

/**
 * The impact of the edited rules before they are saved: asked automatically once a valid
 * change stops changing, or with "Preview impact". An older answer stays visible, dimmed,
 * while the newer one loads.
 */
export function ImpactPreviewPanel(props: { query: UseQueryResult<TFlagImpact>; current: boolean; waiting: string | null; onRefresh: () => void; environment: string }) {
  const { query } = props;
  return (
    <Stack spacing={1} component="section" aria-label={`Impact preview in ${props.environment}`}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          Impact preview
        </Typography>
        <Button onClick={props.onRefresh} disabled={props.waiting !== null || query.isFetching}>
          Preview impact
        </Button>
      </Stack>
      {props.waiting !== null && <Typography color="text.secondary">{props.waiting}</Typography>}
      {props.waiting === null && query.isError && <Alert severity="error">Could not preview the impact: {errorMessage(query.error)}</Alert>}
      {props.waiting === null && query.isFetching && (
        <Stack direction="row" spacing={1} alignItems="center" role="status">
          <CircularProgress size={16} />
          <Typography>Evaluating every account…</Typography>
        </Stack>
      )}
      {props.waiting === null && query.data && (
        <Box sx={{ opacity: props.current ? 1 : 0.5 }} aria-busy={!props.current}>
          <ImpactSummary impact={query.data} title="What this change flips" />
        </Box>
      )}
    </Stack>
  );
}
