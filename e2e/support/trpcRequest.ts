import type { APIRequestContext, APIResponse } from '@playwright/test';

/**
 * Raw tRPC calls over HTTP, as a browser script would make them: queries are GETs with
 * `?input=<json>`, mutations POST the JSON input; every call carries the CSRF header.
 * Used to prove the server refuses what the UI hides, and to set up data quickly.
 */
const CSRF = { 'x-opsdesk-csrf': '1' };

/** `baseURL` for a test's own server; the configured one otherwise. */
export function trpcQuery(request: APIRequestContext, procedure: string, input: unknown = undefined, baseURL = ''): Promise<APIResponse> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return request.get(`${baseURL}/trpc/${procedure}${query}`, { headers: CSRF });
}

export function trpcMutation(request: APIRequestContext, procedure: string, input: unknown): Promise<APIResponse> {
  return request.post(`/trpc/${procedure}`, { headers: { ...CSRF, 'content-type': 'application/json' }, data: input });
}

/** Signs `request` in as the given staff member and creates another one (admin only). */
export async function createStaffAs(
  request: APIRequestContext,
  admin: { email: string; password: string },
  member: { email: string; name: string; roles: string[]; password: string },
): Promise<void> {
  const login = await trpcMutation(request, 'auth.login', admin);
  if (!login.ok()) throw new Error(`admin login failed: ${login.status()} ${await login.text()}`);
  const created = await trpcMutation(request, 'staff.create', member);
  if (!created.ok()) throw new Error(`staff.create failed: ${created.status()} ${await created.text()}`);
}

/** Signs `request` (and so the page of the same context) in through the API. */
export async function signInAs(request: APIRequestContext, staff: { email: string; password: string }): Promise<void> {
  const login = await trpcMutation(request, 'auth.login', staff);
  if (!login.ok()) throw new Error(`login as ${staff.email} failed: ${login.status()} ${await login.text()}`);
}

/** The `data` of a successful tRPC answer; throws with the server's message otherwise. */
export async function trpcData<T>(response: APIResponse): Promise<T> {
  const body = await response.json();
  if (!response.ok()) throw new Error(`${response.url()} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data as T;
}
