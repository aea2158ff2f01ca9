import { z } from 'zod';
import { ZFlagName } from '@opsdesk/shared/flags/flags.schemas';

/**
 * What Unleash SDKs post (`POST /api/client/metrics` and `/register`, unleash-client 6's
 * fields). Strict: every field an SDK sends is listed, anything else is a 400; counts and
 * lists are capped, so one post stays a small, bounded write.
 */
export const FLAG_METRICS_LIMITS = { togglesPerPost: 1_000, variantsPerToggle: 100, clientsPerEnvironment: 10_000 } as const;

const ZCount = z.number().int().min(0).max(1_000_000_000_000);
const ZLabel = z.string().min(1).max(255);
const ZOptionalText = z.string().max(255).nullish();
const ZDate = z.iso.datetime({ offset: true });

const ZSdkFields = {
  appName: ZLabel,
  instanceId: ZLabel,
  connectionId: ZOptionalText,
  environment: ZOptionalText,
  platformName: ZOptionalText,
  platformVersion: ZOptionalText,
  yggdrasilVersion: ZOptionalText,
  specVersion: ZOptionalText,
  sdkFlavor: ZOptionalText,
  sdkFlavorVersion: ZOptionalText,
};

const ZToggleCounts = z.strictObject({
  yes: ZCount,
  no: ZCount,
  variants: z
    .record(ZFlagName, ZCount)
    .refine((variants) => Object.keys(variants).length <= FLAG_METRICS_LIMITS.variantsPerToggle, `at most ${FLAG_METRICS_LIMITS.variantsPerToggle} variants per flag`)
    .optional(),
});

export const ZFlagMetricsReportSchema = z.strictObject({
  ...ZSdkFields,
  bucket: z.strictObject({
    start: ZDate,
    stop: ZDate,
    toggles: z
      .record(ZFlagName, ZToggleCounts)
      .refine((toggles) => Object.keys(toggles).length <= FLAG_METRICS_LIMITS.togglesPerPost, `at most ${FLAG_METRICS_LIMITS.togglesPerPost} flags per post`),
  }),
  /** Unleash's newer "impact metrics": accepted so the SDK stays quiet, not stored. */
  impactMetrics: z.array(z.unknown()).max(100).optional(),
});
export type TFlagMetricsReport = z.infer<typeof ZFlagMetricsReportSchema>;

export const ZFlagClientRegistrationSchema = z.strictObject({
  ...ZSdkFields,
  sdkVersion: ZOptionalText,
  strategies: z.array(z.string().max(255)).max(100).optional(),
  started: ZDate.optional(),
  interval: z.number().int().min(0).max(86_400_000).optional(),
});
export type TFlagClientRegistration = z.infer<typeof ZFlagClientRegistrationSchema>;
