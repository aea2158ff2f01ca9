import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@opsdesk/server/router';

/** An audit row exactly as audit.get returns it (the router's type, not a copy). */
export type TAuditEntry = inferRouterOutputs<AppRouter>['audit']['get'];
