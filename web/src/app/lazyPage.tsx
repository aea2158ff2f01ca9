import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Loading, useCanAccess } from 'react-admin';
import { PageAccessDenied } from './PageAccessDenied';

/** What a page needs (shared/src/auth/resourceAccess.ts): its resource and action. */
export interface PageAccess {
  resource: string;
  action: string;
}

/**
 * Route-level code splitting: each page is its own chunk, loaded on first visit,
 * so the login screen does not download every feature.
 *
 * `access`: the permission a resource's page needs. Someone without it who follows a
 * link or types the address sees "Access denied" (with the roles that open the page)
 * before the page's chunk is loaded or any of its queries is sent: a react-admin List checks access too, but its page's own
 * queries (filters, counts) and its list query went out first, each refused with a 403.
 * The server still refuses every procedure on its own.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, access?: PageAccess): () => ReactElement {
  const Page = lazy(load);
  function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  }
  if (!access) return LazyPage;
  return function GuardedPage() {
    const { canAccess, isPending } = useCanAccess(access);
    if (isPending) return <Loading />;
    return canAccess ? <LazyPage /> : <PageAccessDenied access={access} />;
  };
}
