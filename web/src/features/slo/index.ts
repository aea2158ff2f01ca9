import SpeedIcon from '@mui/icons-material/Speed';
import { lazyPage } from '../../app/lazyPage';

/**
 * SLOs and their alerts (read: oncall, admin, support; change: oncall, admin):
 * `<Resource name="slos" {...slos} />`, and the Alerts page as a route of its own.
 * Pages read through the hooks in useSlos (the `slo` router), not the data provider.
 */
export const slos = {
  list: lazyPage(() => import('./SloList'), { resource: 'slos', action: 'list' }),
  show: lazyPage(() => import('./SloShow'), { resource: 'slos', action: 'show' }),
  create: lazyPage(() => import('./SloCreate'), { resource: 'slos', action: 'create' }),
  edit: lazyPage(() => import('./SloEdit'), { resource: 'slos', action: 'edit' }),
  icon: SpeedIcon,
  options: { label: 'SLOs' },
};

export const SloAlertsRoute = lazyPage(() => import('./SloAlertsPage'), { resource: 'slos', action: 'list' });
export { SloAlertsMenuItem } from './SloAlertsMenuItem';
