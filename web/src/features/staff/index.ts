import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../../app/lazyPage';

/** The staff resource: `<Resource name="staff" {...staff} />`. */
export const staff = {
  list: lazyPage(() => import('./StaffList'), { resource: 'staff', action: 'list' }),
  create: lazyPage(() => import('./StaffCreate'), { resource: 'staff', action: 'create' }),
  edit: lazyPage(() => import('./StaffEdit'), { resource: 'staff', action: 'edit' }),
  icon: PeopleIcon,
  recordRepresentation: 'name',
  options: { label: 'Staff' },
};
