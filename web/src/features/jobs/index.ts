import WorkHistoryIcon from '@mui/icons-material/WorkHistory';
import { lazyPage } from '../../app/lazyPage';

/**
 * Durable jobs (oncall, admin): `<Resource name="jobs" {...jobs} />`. The list with its
 * filters, and a job's page with live progress, log tail and cancel.
 */
export const jobs = {
  list: lazyPage(() => import('./JobList'), { resource: 'jobs', action: 'list' }),
  show: lazyPage(() => import('./JobShow'), { resource: 'jobs', action: 'show' }),
  icon: WorkHistoryIcon,
  options: { label: 'Jobs' },
};
