/**
 * Parses Stripe's form / query encoding (`items[0][price]=x&metadata[k]=v&expand[]=y`) into
 * nested objects and arrays. All leaf values stay strings: handlers coerce with wire/params.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  if (!encoded) return root;
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    assign(root, splitKey(key), value);
  }
  return arrayify(root) as FormObject;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** "items[0][price]" → ["items", "0", "price"]; "expand[]" → ["expand", ""]. */
function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(first)))) parts.push(m[1]!);
  return parts;
}

type Node = { [key: string]: Node | string } & { __push?: number };

function assign(root: FormObject, path: string[], value: string): void {
  let node = root as unknown as Node;
  for (let i = 0; i < path.length; i++) {
    let seg = path[i]!;
    if (FORBIDDEN_KEYS.has(seg)) return;
    // "[]" appends: give it the next free numeric index so arrayify orders it.
    if (seg === '') {
      seg = String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
    }
    if (i === path.length - 1) {
      node[seg] = value;
    } else {
      const next = node[seg];
      if (typeof next !== 'object' || next === null) node[seg] = {} as Node;
      node = node[seg] as Node;
    }
  }
}

/** Objects whose keys are all numeric become arrays (ordered by index). */
function arrayify(v: unknown): FormValue {
  if (typeof v !== 'object' || v === null) return v as string;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, x]) => arrayify(x));
  }
  const out: FormObject = {};
  for (const [k, x] of entries) out[k] = arrayify(x);
  return out;
}
