import { router } from '../../trpc/procedures.js';
import { privacyErasureProcedures } from './erasure/privacyErasure.procedures.js';
import { privacyExportProcedures } from './export/privacyExport.procedures.js';
import { privacyRequestProcedures } from './requests/privacyRequests.procedures.js';

/**
 * `privacy.*` (docs/gdpr.md); contracts in shared/src/privacy/privacy.schemas.ts. One
 * flat router of three parts, each kept beside its feature: the requests and their
 * deadlines, the export (right of access) and the erasure (right to be forgotten).
 */
export const privacyRouter = router({
  ...privacyRequestProcedures,
  ...privacyExportProcedures,
  ...privacyErasureProcedures,
});
