import type { Params } from './params.js';

export interface RequestContext {
  method: string;
  /** Path params, e.g. { id: 'cus_…' } for /v1/customers/:id */
  path: Record<string, string>;
  params: Params;
  url: string;
  requestId: string;
  idempotencyKey: string | null;
}

/** A handler returns the response object; errors are thrown as StripeApiError. */
export type Handler = (ctx: RequestContext) => unknown;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

/** Minimal method + path-pattern router; more specific routes must be added first. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' +
        path.replace(/:([a-z_]+)/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        }) +
        '/?$',
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  match(method: string, pathname: string): { handler: Handler; path: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(pathname);
      if (!m) continue;
      const path: Record<string, string> = {};
      r.names.forEach((n, i) => (path[n] = decodeURIComponent(m[i + 1]!)));
      return { handler: r.handler, path };
    }
    return undefined;
  }
}
