import HistoryIcon from '@mui/icons-material/History';
import { lazyPage } from '../../app/lazyPage';

/** The audit log resource: read-only, list and show. */
export const audit = {
  list: lazyPage(() => import('./AuditList')),
  show: lazyPage(() => import('./AuditShow')),
  icon: HistoryIcon,
  options: { label: 'Audit log' },
};
