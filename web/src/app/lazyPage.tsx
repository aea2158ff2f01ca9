import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Loading } from 'react-admin';

/**
 * Route-level code splitting: each page is its own chunk, loaded on first visit,
 * so the login screen does not download every feature.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): () => ReactElement {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
