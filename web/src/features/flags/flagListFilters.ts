import { FLAG_TYPES, type FlagType, type TFlagListRequest } from '@opsdesk/shared/flags/flagsApi.schemas';
import { isUuid } from '@opsdesk/shared/text/uuid';

/**
 * The list's filters live in the address (`#/flags?type=release&stale=true`), so a home
 * card or a colleague can link to a filtered list. Unknown or malformed values are
 * dropped here rather than sent for the server to refuse.
 */
export interface FlagListFilterValues {
  type: FlagType | '';
  ownerId: string;
  environment: string;
  state: 'on' | 'off' | '';
  stale: boolean;
  mine: boolean;
  archived: boolean;
  search: string;
}

export const EMPTY_FILTERS: FlagListFilterValues = { type: '', ownerId: '', environment: '', state: '', stale: false, mine: false, archived: false, search: '' };

const ENVIRONMENT = /^[a-z][a-z0-9-]{0,39}$/;

export function filtersFromParams(params: URLSearchParams): FlagListFilterValues {
  const type = params.get('type') ?? '';
  const state = params.get('state') ?? '';
  const ownerId = params.get('ownerId') ?? '';
  const environment = params.get('environment') ?? '';
  return {
    type: (FLAG_TYPES as readonly string[]).includes(type) ? (type as FlagType) : '',
    ownerId: isUuid(ownerId) ? ownerId : '',
    environment: ENVIRONMENT.test(environment) ? environment : '',
    state: state === 'on' || state === 'off' ? state : '',
    stale: params.get('stale') === 'true',
    mine: params.get('mine') === 'true',
    archived: params.get('archived') === 'true',
    search: (params.get('q') ?? '').slice(0, 100),
  };
}

export function paramsFromFilters(filters: FlagListFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.ownerId) params.set('ownerId', filters.ownerId);
  if (filters.environment) params.set('environment', filters.environment);
  if (filters.state) params.set('state', filters.state);
  if (filters.stale) params.set('stale', 'true');
  if (filters.mine) params.set('mine', 'true');
  if (filters.archived) params.set('archived', 'true');
  if (filters.search) params.set('q', filters.search);
  return params;
}

/** The request for these filters; "mine" is the signed-in staff member as owner. */
export function listRequestOf(filters: FlagListFilterValues, meId: string | null): TFlagListRequest {
  const ownerId = filters.mine && meId ? meId : filters.ownerId || undefined;
  const search = filters.search.trim();
  return {
    type: filters.type || undefined,
    ownerId,
    // The server filters by environment only together with a state.
    environment: filters.environment && filters.state ? filters.environment : undefined,
    state: filters.environment && filters.state ? filters.state : undefined,
    stale: filters.stale ? true : undefined,
    includeArchived: filters.archived,
    search: search || undefined,
    limit: 200,
  };
}

export function hasFilters(filters: FlagListFilterValues): boolean {
  return paramsFromFilters(filters).size > 0;
}

/** How many filters beside the search are in force: the count on a phone's "Filters" button. */
export function filtersInForce(filters: FlagListFilterValues): number {
  return paramsFromFilters({ ...filters, search: '' }).size;
}
