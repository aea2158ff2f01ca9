import { compileRuleset, type CompiledRuleset } from '@opsdesk/shared/flags/index';
import { FlagsClientError } from './errors.js';

/**
 * One conditional GET of `/api/client/features` (Unleash's client API): `If-None-Match`
 * with the held ETag, 304 means "unchanged". A 200 body is validated and compiled here,
 * once per change; anything that does not compile is an error and is never served.
 */
export type FetchResult =
  | { kind: 'unchanged' }
  | { kind: 'changed'; compiled: CompiledRuleset; etag: string | null; featureDigests: Map<string, string> };

export interface FetchRequest {
  url: string;
  apiKey: string;
  appName?: string | undefined;
  etag: string | null;
  timeoutMs: number;
  fetch: typeof fetch;
}

export function featuresUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/api/client/features`;
}

/** Each feature's JSON, to tell listeners which flags a change touched. */
export function digestFeatures(document: unknown): Map<string, string> {
  const features = (document as { features?: unknown[] }).features ?? [];
  return new Map(features.map((feature) => [(feature as { name: string }).name, JSON.stringify(feature)]));
}

function describeInvalid(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  const first = issues?.[0];
  return first ? `${first.path.map(String).join('.') || '(document)'}: ${first.message}` : String(error);
}

export async function fetchRuleset(request: FetchRequest): Promise<FetchResult> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: request.apiKey };
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.appName) headers['UNLEASH-APPNAME'] = request.appName;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  let response: Response;
  let body = '';
  try {
    response = await request.fetch(featuresUrl(request.url), { headers, signal: abort.signal });
    if (response.status !== 304) body = await response.text();
  } catch (error) {
    if (abort.signal.aborted) throw new FlagsClientError('timeout', `Opsdesk did not answer within ${request.timeoutMs} ms`, undefined, { cause: error });
    throw new FlagsClientError('network', `Opsdesk is unreachable: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 304) {
    if (!request.etag) throw new FlagsClientError('http', 'Opsdesk answered 304 to a request without an ETag', 304);
    return { kind: 'unchanged' };
  }
  if (response.status === 401 || response.status === 403) {
    throw new FlagsClientError('unauthorized', `Opsdesk refused the API key (HTTP ${response.status})`, response.status);
  }
  if (!response.ok) throw new FlagsClientError('http', `Opsdesk answered HTTP ${response.status}`, response.status);
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new FlagsClientError('invalid_ruleset', 'Opsdesk answered a body that is not JSON', response.status, { cause: error });
  }
  let compiled: CompiledRuleset;
  try {
    compiled = compileRuleset(document);
  } catch (error) {
    throw new FlagsClientError('invalid_ruleset', `Opsdesk answered an invalid ruleset: ${describeInvalid(error)}`, response.status, { cause: error });
  }
  return { kind: 'changed', compiled, etag: response.headers.get('ETag'), featureDigests: digestFeatures(document) };
}
