/** Runbook rows keep parameters, plans and results as bounded JSON (the columns check it too, migration 0014). */
export const PARAMS_MAX_BYTES = 16_384;
export const PLAN_MAX_BYTES = 65_536;
export const RESULT_MAX_BYTES = 65_536;

export class JsonTooLargeError extends RangeError {}

export function boundedJsonText(value: unknown, what: string, maxBytes = PARAMS_MAX_BYTES): string {
  const json = JSON.stringify(value ?? null);
  if (Buffer.byteLength(json) > maxBytes) throw new JsonTooLargeError(`${what} is larger than ${maxBytes} bytes`);
  return json;
}
