import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../../app/lazyPage';

/** The staff resource: `<Resource name="staff" {...staff} />`. */
export const staff = {
  list: lazyPage(() => import('./StaffList')),
  create: lazyPage(() => import('./StaffCreate')),
  edit: lazyPage(() => import('./StaffEdit')),
  icon: PeopleIcon,
  recordRepresentation: 'name',
  options: { label: 'Staff' },
};
