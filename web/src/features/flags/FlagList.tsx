import AddIcon from '@mui/icons-material/Add';
import KeyIcon from '@mui/icons-material/Key';
import { Alert, Button, Link, Skeleton, Typography } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { ConsolePage } from '../../app/ConsolePage';
import { errorMessage } from '../../app/trpcErrors';
import { FlagListContent } from './FlagListContent';
import { FlagListFilters } from './FlagListFilters';
import { filtersFromParams, hasFilters, listRequestOf, paramsFromFilters } from './flagListFilters';
import { useFlagEnvironments, useFlagList } from './useFlags';
import { useOwnerOptions } from './useOwnerOptions';

/** Every flag with its type, owner and per-environment state, filtered from the address; editors create new ones. */
export default function FlagList() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const owners = useOwnerOptions();
  const environments = (useFlagEnvironments().data ?? []).map((env) => env.name);
  const flags = useFlagList(listRequestOf(filters, owners.meId));
  const { canAccess: canCreate } = useCanAccess({ resource: 'flags', action: 'create' });
  const { canAccess: canManageKeys } = useCanAccess({ resource: 'flags', action: 'keys' });
  const filtered = hasFilters(filters);
  return (
    <ConsolePage
      title="Flags"
      actions={
        <>
          {canManageKeys && (
            <Button component={RouterLink} to="/flags/keys" variant="outlined" size="small" startIcon={<KeyIcon />}>
              API keys
            </Button>
          )}
          {canCreate && (
            <Button component={RouterLink} to="/flags/create" variant="contained" size="small" startIcon={<AddIcon />}>
              Create flag
            </Button>
          )}
        </>
      }
    >
      <FlagListFilters values={filters} environments={environments} owners={owners.options} onChange={(next) => setParams(paramsFromFilters(next), { replace: true })} />
      {flags.isPending && <Skeleton variant="rounded" height={200} role="status" aria-label="Loading the flags" />}
      {flags.error && <Alert severity="error">{errorMessage(flags.error)}</Alert>}
      {flags.data?.length === 0 && <FlagListEmpty filtered={filtered} canCreate={canCreate === true} />}
      {flags.data && flags.data.length > 0 && <FlagListContent flags={flags.data} environments={environments} />}
      {flags.data?.length === 200 && <Typography variant="body2" color="text.secondary">Showing the first 200 flags by key: narrow the filters to see the others.</Typography>}
    </ConsolePage>
  );
}

function FlagListEmpty({ filtered, canCreate }: { filtered: boolean; canCreate: boolean }) {
  if (filtered) return <Typography color="text.secondary">No flag matches these filters.</Typography>;
  return (
    <Typography color="text.secondary">
      {canCreate ? (
        <>
          No flags yet —{' '}
          <Link component={RouterLink} to="/flags/create">
            create one
          </Link>
          .
        </>
      ) : (
        'No flags yet. On-call and admin staff can create them.'
      )}
    </Typography>
  );
}
