import { createTRPCClient, httpLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@opsdesk/server/router';
import { queryClient } from './queryClient';

/**
 * The console's only way to the server. Edit when the transport changes.
 * 1. `httpLink`, not the batch link: the server labels its metrics per procedure.
 * 2. Every request carries the CSRF header the server requires; the session travels in
 *    the same-origin httpOnly cookie, which fetch sends by default.
 */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc', headers: { 'x-opsdesk-csrf': '1' } })],
});

/** Query/mutation options for feature hooks: `useMutation(trpc.staff.disable.mutationOptions())`. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
