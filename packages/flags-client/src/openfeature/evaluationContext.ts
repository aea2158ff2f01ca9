import type { EvaluationContext } from '@openfeature/server-sdk';
import type { FlagContext } from '@opsdesk/shared/flags/index';

/**
 * OpenFeature's context → Unleash's: the targeting key is `userId` (an explicit `userId`
 * attribute is used when there is no targeting key), Unleash's standard fields keep their
 * names, every other scalar attribute becomes a property. Nested objects and lists are
 * dropped: no constraint can read them.
 */
const STANDARD_FIELDS = ['userId', 'sessionId', 'remoteAddress', 'environment', 'appName'] as const;

function scalar(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return undefined;
}

export function toFlagContext(context: EvaluationContext): FlagContext {
  const result: FlagContext = {};
  const properties: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(context)) {
    if (key === 'targetingKey') continue;
    const text = scalar(value);
    if (text === undefined) continue;
    if ((STANDARD_FIELDS as readonly string[]).includes(key) || key === 'currentTime') result[key] = String(text);
    else properties[key] = text;
  }
  if (typeof context.targetingKey === 'string' && context.targetingKey !== '') result.userId = context.targetingKey;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}
