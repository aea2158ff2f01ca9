import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { Menu, useCanAccess } from 'react-admin';

/** "Alerts" in the main menu (a page of its own, not a resource): for those who may read SLOs. */
export function SloAlertsMenuItem() {
  const { canAccess } = useCanAccess({ resource: 'slos', action: 'list' });
  if (!canAccess) return null;
  return <Menu.Item to="/slo-alerts" primaryText="Alerts" leftIcon={<NotificationsActiveIcon />} />;
}
