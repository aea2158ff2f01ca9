import GavelIcon from '@mui/icons-material/Gavel';
import { lazyPage } from '../../app/lazyPage';

/**
 * The moderation console (read: moderator, admin; decide: moderator, admin; support has
 * none): `<Resource name="moderation" {...moderation} />` — the queue at `#/moderation`,
 * an item at `#/moderation/<entryId>/show`. Pages read through the hooks in useModeration.
 */
export const moderation = {
  list: lazyPage(() => import('./ModerationQueue'), { resource: 'moderation', action: 'list' }),
  show: lazyPage(() => import('./ModerationItem'), { resource: 'moderation', action: 'show' }),
  icon: GavelIcon,
  options: { label: 'Moderation' },
};

export const ModerationAppealsRoute = lazyPage(() => import('./ModerationAppeals'), { resource: 'moderation', action: 'list' });
export const ModerationBulkRunRoute = lazyPage(() => import('./ModerationBulkRun'), { resource: 'moderation', action: 'list' });
export const ModerationRulesRoute = lazyPage(() => import('./ModerationRules'), { resource: 'moderation', action: 'list' });
