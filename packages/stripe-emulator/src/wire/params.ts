import { invalidRequest, missingParam } from './errors.js';
import type { FormObject, FormValue } from './formParser.js';

/**
 * Typed reads of form params. Stripe answers 400 with the offending `param` for bad values,
 * so every coercion names its param.
 */
export type Params = FormObject;

export function str(p: Params | undefined, name: string, path = name): string | undefined {
  const v = p?.[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw invalidRequest(`Invalid string: ${path}`, path);
  return v;
}

export function reqStr(p: Params, name: string, path = name): string {
  const v = str(p, name, path);
  if (v === undefined) throw missingParam(path);
  return v;
}

export function int(p: Params | undefined, name: string, path = name): number | undefined {
  const v = str(p, name, path);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidRequest(`Invalid integer: ${v}`, path);
  return Number(v);
}

export function num(p: Params | undefined, name: string, path = name): number | undefined {
  const v = str(p, name, path);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw invalidRequest(`Invalid decimal: ${v}`, path);
  return n;
}

export function bool(p: Params | undefined, name: string, path = name): boolean | undefined {
  const v = str(p, name, path);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidRequest(`Invalid boolean: ${v}`, path);
  return v === 'true';
}

export function obj(p: Params | undefined, name: string): Params | undefined {
  const v = p?.[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidRequest(`Invalid object`, name);
  return v as Params;
}

export function arr(p: Params | undefined, name: string): FormValue[] | undefined {
  const v = p?.[name];
  if (v === undefined || v === '') return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') return Object.values(v);
  throw invalidRequest(`Invalid array`, name);
}

export function objArr(p: Params | undefined, name: string): Params[] | undefined {
  return arr(p, name)?.map((x, i) => {
    if (typeof x !== 'object' || Array.isArray(x)) throw invalidRequest('Invalid object', `${name}[${i}]`);
    return x as Params;
  });
}

export function strArr(p: Params | undefined, name: string): string[] | undefined {
  return arr(p, name)?.map((x) => String(x));
}

export function oneOf<T extends string>(p: Params | undefined, name: string, allowed: readonly T[], path = name): T | undefined {
  const v = str(p, name, path);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) {
    throw invalidRequest(`Invalid ${path}: must be one of ${allowed.join(', ')}`, path);
  }
  return v as T;
}

/** metadata[k]=v merges; metadata[k]= (empty) deletes the key; metadata= clears. */
export function mergeMetadata(current: Record<string, string>, p: Params): Record<string, string> {
  if (!('metadata' in p)) return current;
  const m = p.metadata;
  if (m === '') return {};
  if (typeof m !== 'object' || Array.isArray(m)) throw invalidRequest('Invalid object', 'metadata');
  const out = { ...current };
  for (const [k, v] of Object.entries(m)) {
    if (v === '') delete out[k];
    else out[k] = String(v);
  }
  return out;
}

/** Range filters like created[gte]=…, or created=… exact. */
export function rangeFilter(p: Params, name: string): ((value: number) => boolean) | undefined {
  const v = p[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string') {
    const exact = int(p, name)!;
    return (x) => x === exact;
  }
  const r = v as Params;
  const gt = int(r, 'gt', `${name}[gt]`);
  const gte = int(r, 'gte', `${name}[gte]`);
  const lt = int(r, 'lt', `${name}[lt]`);
  const lte = int(r, 'lte', `${name}[lte]`);
  return (x) => (gt === undefined || x > gt) && (gte === undefined || x >= gte) && (lt === undefined || x < lt) && (lte === undefined || x <= lte);
}
