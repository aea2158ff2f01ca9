import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { AccessDenied, Loading, useCanAccess } from 'react-admin';

/** What a page needs (shared/src/auth/resourceAccess.ts): its resource and action. */
export interface PageAccess {
  resource: string;
  action: string;
}

/**
 * Route-level code splitting: each page is its own chunk, loaded on first visit,
 * so the login screen does not download every feature.
 *
 * `access`: for a page that is not a react-admin List or Show (those check it
 * themselves), the permission it needs. Someone without it who follows a link or types
 * the address sees "Access denied", as on the other pages, instead of the page's parts
 * each failing with the server's refusal; the page's chunk is not even loaded. The
 * server still refuses every procedure on its own.
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
    return canAccess ? <LazyPage /> : <AccessDenied />;
  };
}
