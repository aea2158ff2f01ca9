import { useMutation } from '@tanstack/react-query';
import { trpcClient } from '../../app/trpcClient';

/**
 * Re-checks the audit log's hash chain on demand. audit.verify is a query on the server
 * but reading the whole chain is expensive, so it runs only when asked, never cached.
 */
export function useAuditVerify() {
  return useMutation({ mutationFn: () => trpcClient.audit.verify.query() });
}
