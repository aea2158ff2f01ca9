import { accountRouter } from '../features/account/account.router.js';
import { approvalsRouter } from '../features/approvals/approvals.router.js';
import { auditRouter } from '../features/audit/audit.router.js';
import { authRouter } from '../features/auth/auth.router.js';
import { customersRouter } from '../features/customers/customers.router.js';
import { flagsRouter } from '../features/flags/flags.router.js';
import { jobsRouter } from '../features/jobs/jobs.router.js';
import { lookupRouter } from '../features/lookup/lookup.router.js';
import { moderationRouter } from '../features/moderation/moderation.router.js';
import { privacyRouter } from '../features/privacy/privacy.router.js';
import { revenueRouter } from '../features/revenue/revenue.router.js';
import { runbooksRouter } from '../features/runbooks/runbooks.router.js';
import { securityRouter } from '../features/security/security.router.js';
import { signalsRouter } from '../features/signals/signals.router.js';
import { sloRouter } from '../features/slo/slo.router.js';
import { staffRouter } from '../features/staff/staff.router.js';
import { router } from './procedures.js';

/** Every feature router, merged. The console imports only `type AppRouter`. */
export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  staff: staffRouter,
  audit: auditRouter,
  security: securityRouter,
  customers: customersRouter,
  lookup: lookupRouter,
  approvals: approvalsRouter,
  revenue: revenueRouter,
  jobs: jobsRouter,
  runbooks: runbooksRouter,
  signals: signalsRouter,
  slo: sloRouter,
  flags: flagsRouter,
  moderation: moderationRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
