import { z } from 'zod';

/**
 * Parameter schema of the health check runbook action (docs/runbook.md, "Site is slow",
 * "Site is down"), shared by the server and the console's form: nothing to fill in.
 */
export const ZHealthCheckParams = z.strictObject({});
export type THealthCheckParams = z.infer<typeof ZHealthCheckParams>;

/** A check's verdict, as the console colours it. */
export const HEALTH_VERDICTS = ['ok', 'warn', 'fail'] as const;
export type HealthVerdict = (typeof HEALTH_VERDICTS)[number];
