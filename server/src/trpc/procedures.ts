import { TRPCError } from '@trpc/server';
import { PUBLIC } from '@opsdesk/shared';
import { auditMutations } from './auditMutations.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { t } from './init.js';

/**
 * The base procedures. Every procedure in the app is built from one of these, so
 * permissions and the audit log are attached once, here, and never inside handlers.
 *
 * staffProcedure: authenticate (401) → authorize from meta.permission (403, fail closed)
 * → audit (mutations declare meta.audit; the row shares the mutation's transaction).
 */
export const staffProcedure = t.procedure.use(authenticate).use(authorize).use(auditMutations);

/** For the few procedures that run without a session (sign-in). They must say so in meta. */
export const publicProcedure = t.procedure
  .use(({ meta, next }) => {
    if (meta?.permission !== PUBLIC) throw new TRPCError({ code: 'FORBIDDEN', message: 'This action is not available.' });
    return next();
  })
  .use(auditMutations);

export const router = t.router;
