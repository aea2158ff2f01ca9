import FactCheckIcon from '@mui/icons-material/FactCheck';
import { lazyPage } from '../../app/lazyPage';

/** The approvals inbox: `<Resource name="approvals" {...approvals} />`. */
export const approvals = {
  list: lazyPage(() => import('./ApprovalList')),
  show: lazyPage(() => import('./ApprovalShow')),
  icon: FactCheckIcon,
  options: { label: 'Approvals' },
};
