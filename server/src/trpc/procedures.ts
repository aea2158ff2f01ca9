import { TRPCError } from '@trpc/server';
import { PUBLIC } from '@opsdesk/shared';
import { auditMutations } from './auditMutations.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { enforceRiskTier } from './enforceRiskTier.js';
import { t } from './init.js';
import { gateReauthentication } from './reauthenticationGate.js';
import { gateSignIn } from './signInGate.js';
import { translateErrors } from './translateErrors.js';

/**
 * The base procedures. Every procedure in the app is built from one of these, so
 * permissions and the audit log are attached once, here, and never inside handlers.
 *
 * staffProcedure: translate errors (4xx / 503 / a generic 500, never a database message)
 * → authenticate (401) → authorize from meta.permission (403, fail closed) → the current
 * password asked again by meta.reauthenticate, checked before any transaction opens
 * (reauthenticationGate.ts) → audit (mutations declare meta.audit; the row shares the
 * mutation's transaction) → risk from meta.risk (reason, typed confirmation; a refusal is
 * audited; enforceRiskTier.ts).
 */
export const staffProcedure = t.procedure.use(translateErrors).use(authenticate).use(authorize).use(gateReauthentication).use(auditMutations).use(enforceRiskTier);

/**
 * Sign-in, the only procedure without a session (it must say so in meta): translate
 * errors → gate (validate, reserve the attempt, check the password; no transaction is
 * open yet, see signInGate.ts) → audit.
 */
export const signInProcedure = t.procedure
  .use(translateErrors)
  .use(({ meta, next }) => {
    if (meta?.permission !== PUBLIC) throw new TRPCError({ code: 'FORBIDDEN', message: 'This action is not available.' });
    return next();
  })
  .use(gateSignIn)
  .use(auditMutations);

export const router = t.router;
