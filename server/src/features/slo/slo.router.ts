import { router } from '../../trpc/procedures.js';

/** SLOs, their status and alert history (docs/observability.md). Contract: shared/src/slo/sloApi.schemas.ts. */
export const sloRouter = router({});
