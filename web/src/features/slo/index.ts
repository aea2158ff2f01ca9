import SpeedIcon from '@mui/icons-material/Speed';
import { lazyPage } from '../../app/lazyPage';

/**
 * SLOs and their alerts (read: oncall, admin, support; change: oncall, admin):
 * `<Resource name="slos" {...slos} />`, and the Alerts page as a route of its own.
 * Pages read through the hooks in useSlos (the `slo` router), not the data provider.
 */
export const slos = {
  list: lazyPage(() => import('./SloList')),
  show: lazyPage(() => import('./SloShow')),
  create: lazyPage(() => import('./SloCreate')),
  edit: lazyPage(() => import('./SloEdit')),
  icon: SpeedIcon,
  options: { label: 'SLOs' },
};

export const SloAlertsRoute = lazyPage(() => import('./SloAlertsPage'));
export { SloAlertsMenuItem } from './SloAlertsMenuItem';
