import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { lazyPage } from '../../app/lazyPage';

/** The customers resource: `<Resource name="customers" {...customers} />`. */
export const customers = {
  list: lazyPage(() => import('./CustomerList'), { resource: 'customers', action: 'list' }),
  show: lazyPage(() => import('./CustomerShow'), { resource: 'customers', action: 'show' }),
  icon: PersonSearchIcon,
  recordRepresentation: (record: { user?: { email: string }; email?: string }) => record.user?.email ?? record.email ?? '',
  options: { label: 'Customers' },
};
