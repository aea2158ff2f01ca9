import HistoryIcon from '@mui/icons-material/History';
import { lazyPage } from '../../app/lazyPage';

/** The audit log resource: read-only, list and show. */
export const audit = {
  list: lazyPage(() => import('./AuditList'), { resource: 'audit', action: 'list' }),
  show: lazyPage(() => import('./AuditShow'), { resource: 'audit', action: 'show' }),
  icon: HistoryIcon,
  options: { label: 'Audit log' },
};
