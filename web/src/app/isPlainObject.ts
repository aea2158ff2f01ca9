/** A JSON object (not null, not an array): what an audit snapshot or one of its fields holds when it holds fields. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
