import FactCheckIcon from '@mui/icons-material/FactCheck';
import { lazyPage } from '../../app/lazyPage';

/** The approvals inbox: `<Resource name="approvals" {...approvals} />`. */
export const approvals = {
  list: lazyPage(() => import('./ApprovalList'), { resource: 'approvals', action: 'list' }),
  show: lazyPage(() => import('./ApprovalShow'), { resource: 'approvals', action: 'show' }),
  icon: FactCheckIcon,
  options: { label: 'Approvals' },
};
