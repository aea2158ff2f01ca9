import PrivacyTipIcon from '@mui/icons-material/PrivacyTip';
import { lazyPage } from '../../app/lazyPage';

/**
 * GDPR requests (read, manage, erase, download: privacy and admin; docs/gdpr.md):
 * `<Resource name="privacy" {...privacy} />` — the requests at `#/privacy` (deadline views
 * in `?view=`), a request at `#/privacy/<requestId>/show`. Pages read through usePrivacy.
 */
export const privacy = {
  list: lazyPage(() => import('./PrivacyRequestList'), { resource: 'privacy', action: 'list' }),
  show: lazyPage(() => import('./PrivacyRequestShow'), { resource: 'privacy', action: 'show' }),
  icon: PrivacyTipIcon,
  options: { label: 'Privacy' },
};
