import type { GetListParams, Identifier } from 'react-admin';

/**
 * What a feature implements to plug its tRPC procedures into the data provider.
 * Lists either know their total or, for keyset-paginated logs, only whether there is
 * a next page (react-admin then shows previous/next instead of page numbers). `meta`
 * carries extras the list shows, e.g. an estimated total that must not pose as a count.
 */
export interface ResourceDataHandler<T extends { id: Identifier }> {
  getList(params: GetListParams): Promise<{ data: T[]; total?: number; pageInfo?: { hasNextPage: boolean; hasPreviousPage: boolean }; meta?: Record<string, unknown> }>;
  getOne(id: string): Promise<T>;
  create?(data: Record<string, unknown>): Promise<T>;
  update?(id: string, data: Partial<T>): Promise<T>;
}

/** For short lists the server returns whole: react-admin's page is cut here and the total is the length. */
export function pageInBrowser<T>(rows: readonly T[], pagination: GetListParams['pagination'] | undefined, defaultPerPage: number) {
  const { page = 1, perPage = defaultPerPage } = pagination ?? {};
  return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length };
}
