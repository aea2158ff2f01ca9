import type { FlagContext } from './flags.schemas.js';

/**
 * A constraint's `contextName` reads the standard field of that name, else
 * `properties[name]`, as text (unleash-client's `resolveContextValue`). Only own
 * properties are read: `constructor` or `toString` must not resolve to a prototype
 * function's source text.
 */
export function resolveContextValue(context: FlagContext, field: string): string | undefined {
  const direct = Object.hasOwn(context, field) ? context[field] : undefined;
  const properties = context.properties;
  const value = direct ?? (properties && Object.hasOwn(properties, field) ? properties[field] : undefined);
  return value === undefined || value === null ? undefined : String(value);
}
