import InsightsIcon from '@mui/icons-material/Insights';
import { lazyPage } from '../../app/lazyPage';

/**
 * Revenue as a resource whose "list" is the dashboard: react-admin shows its menu entry
 * through canAccess (finance and admin), and the page and its charts (recharts) are a
 * chunk of their own, loaded on first visit.
 */
export const revenue = {
  list: lazyPage(() => import('./RevenuePage')),
  icon: InsightsIcon,
  options: { label: 'Revenue' },
};
