import { QueryClient } from '@tanstack/react-query';

/**
 * The one QueryClient: react-admin's data hooks and the features' tRPC hooks share it,
 * so a tRPC mutation can invalidate what a react-admin list shows.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 401/403 will not fix itself by retrying; other failures get one more try.
      retry: (failureCount, error) => failureCount < 1 && !isAuthError(error),
      staleTime: 10_000,
    },
  },
});

function isAuthError(error: unknown): boolean {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return code === 'UNAUTHORIZED' || code === 'FORBIDDEN';
}
