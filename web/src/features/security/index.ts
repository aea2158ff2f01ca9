import SecurityIcon from '@mui/icons-material/Security';
import { lazyPage } from '../../app/lazyPage';

/**
 * Security settings as a resource whose "list" is the settings page: react-admin then
 * shows or hides its menu entry through canAccess like any other resource.
 */
export const security = {
  list: lazyPage(() => import('./SecuritySettingsPage'), { resource: 'security', action: 'list' }),
  icon: SecurityIcon,
  options: { label: 'Security' },
};
