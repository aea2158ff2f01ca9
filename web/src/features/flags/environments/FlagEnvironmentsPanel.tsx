import { Alert, Box, Card, CardContent, CircularProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import { useState } from 'react';
import { errorMessage } from '../../../app/trpcErrors';
import { EnvironmentEditor } from './EnvironmentEditor';
import { useFlagSegments, useFlagStates } from './useEnvironmentChange';

/**
 * A flag's environments on its page: each environment's on/off state and ordered
 * strategies, edited in forms, with the impact preview before saving and, in protected
 * environments, a change request for a second person (docs/flags.md). One tab per
 * environment; every editor stays mounted, so switching tabs keeps unsaved edits.
 */
export function FlagEnvironmentsPanel({ flagKey }: { flagKey: string }) {
  const flag = useFlagStates(flagKey);
  const segments = useFlagSegments();
  const [tab, setTab] = useState(0);
  const environments = flag.data?.environments ?? [];
  return (
    <Card variant="outlined" component="section" aria-label={`Environments of ${flagKey}`}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          Environments
        </Typography>
        {flag.isLoading && (
          <Stack direction="row" spacing={1} alignItems="center" role="status">
            <CircularProgress size={16} />
            <Typography>Loading the environments…</Typography>
          </Stack>
        )}
        {flag.isError && <Alert severity="error">Could not load the environments: {errorMessage(flag.error)}</Alert>}
        {environments.length > 0 && (
          <>
            <Tabs value={tab} onChange={(_event, next: number) => setTab(next)} variant="scrollable" aria-label="Environments">
              {environments.map((env, index) => (
                <Tab
                  key={env.environment}
                  id={`flag-env-tab-${env.environment}`}
                  aria-controls={`flag-env-panel-${env.environment}`}
                  label={env.environment}
                  value={index}
                  icon={env.protected ? <LockIcon fontSize="small" aria-label="protected" /> : undefined}
                  iconPosition="end"
                />
              ))}
            </Tabs>
            {environments.map((env, index) => (
              <Box
                key={env.environment}
                role="tabpanel"
                id={`flag-env-panel-${env.environment}`}
                aria-labelledby={`flag-env-tab-${env.environment}`}
                hidden={tab !== index}
                sx={{ pt: 3 }}
              >
                <EnvironmentEditor flagKey={flagKey} state={env} segments={segments.data ?? []} onReload={async () => (await flag.refetch()).data?.environments.find((fresh) => fresh.environment === env.environment)} />
              </Box>
            ))}
          </>
        )}
      </CardContent>
    </Card>
  );
}
