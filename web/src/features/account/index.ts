import { lazyPage } from '../../app/lazyPage';

/** My account is a custom route (/account), not a resource: everyone has exactly one. */
export const AccountPage = lazyPage(() => import('./AccountPage'));
