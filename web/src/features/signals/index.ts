import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { lazyPage } from '../../app/lazyPage';

/**
 * Golden signals (oncall, admin; support reads): `<Resource name="signals" {...signals} />`.
 * The "list" is the Signals page; its charts (recharts) load as a chunk of their own.
 */
export const signals = {
  list: lazyPage(() => import('./SignalsPage'), { resource: 'signals', action: 'list' }),
  icon: MonitorHeartIcon,
  options: { label: 'Signals' },
};
