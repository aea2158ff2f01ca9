import { lazyPage } from '../../../app/lazyPage';

/**
 * The Reconciliation page (`/revenue/reconciliation`, a custom route registered in
 * App.tsx): a chunk of its own, loaded on first visit; the Revenue page links to it.
 */
export const ReconciliationRoute = lazyPage(() => import('./ReconciliationPage'));
export { ReconciliationLink } from './ReconciliationLink';
