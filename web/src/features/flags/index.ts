import FlagIcon from '@mui/icons-material/Flag';
import { lazyPage } from '../../app/lazyPage';

/**
 * Feature flags (read: every role; create and edit: on-call and admin; API keys: admin):
 * `<Resource name="flags" {...flags} />` (the flag's key is its record id:
 * `#/flags/<key>/show`) and the API keys page as a route of its own (`#/flags/keys`).
 * Pages read through the hooks in useFlags / useFlagActivity / useFlagKeys.
 */
export const flags = {
  list: lazyPage(() => import('./FlagList'), { resource: 'flags', action: 'list' }),
  show: lazyPage(() => import('./FlagShow'), { resource: 'flags', action: 'show' }),
  create: lazyPage(() => import('./FlagCreate'), { resource: 'flags', action: 'create' }),
  icon: FlagIcon,
  options: { label: 'Flags' },
  recordRepresentation: 'key',
};

export const FlagKeysRoute = lazyPage(() => import('./FlagKeysPage'));
