import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { lazyPage } from '../../app/lazyPage';

/** The customers resource: `<Resource name="customers" {...customers} />`. */
export const customers = {
  list: lazyPage(() => import('./CustomerList')),
  show: lazyPage(() => import('./CustomerShow')),
  icon: PersonSearchIcon,
  recordRepresentation: (record: { user?: { email: string }; email?: string }) => record.user?.email ?? record.email ?? '',
  options: { label: 'Customers' },
};
