import { PRIVACY_DEADLINE_VIEWS, PRIVACY_REQUEST_KINDS, type TPrivacyListRequest, type TPrivacyRequest, type TPrivacyRequestKind } from '@opsdesk/shared';
import { isClosed } from './privacyText';

/**
 * The list's tabs and kind filter, kept in the address (`#/privacy?view=overdue&kind=erasure`)
 * so a home card can link to a view. "Open" has no server filter of its own: it is every
 * request less the closed ones (rowsOf), which keeps the server's order and paging.
 */
export const LIST_TABS = ['open', ...PRIVACY_DEADLINE_VIEWS, 'all'] as const;
export type TListTab = (typeof LIST_TABS)[number];

export const TAB_LABELS: Record<TListTab, string> = {
  open: 'Open',
  due_this_week: 'Due this week',
  overdue: 'Overdue',
  extended: 'Extended',
  on_hold: 'On hold',
  all: 'All',
};

export interface PrivacyListFilters {
  tab: TListTab;
  kind: TPrivacyRequestKind | '';
}

export function filtersFromParams(params: URLSearchParams): PrivacyListFilters {
  const view = params.get('view') ?? '';
  const kind = params.get('kind') ?? '';
  return {
    tab: (LIST_TABS as readonly string[]).includes(view) ? (view as TListTab) : 'open',
    kind: (PRIVACY_REQUEST_KINDS as readonly string[]).includes(kind) ? (kind as TPrivacyRequestKind) : '',
  };
}

export function paramsFromFilters(filters: PrivacyListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tab !== 'open') params.set('view', filters.tab);
  if (filters.kind) params.set('kind', filters.kind);
  return params;
}

export function listRequestOf(filters: PrivacyListFilters): Omit<TPrivacyListRequest, 'cursor' | 'limit'> {
  const view = filters.tab === 'open' || filters.tab === 'all' ? undefined : filters.tab;
  return { ...(view ? { view } : {}), ...(filters.kind ? { kind: filters.kind } : {}) };
}

export function rowsOf(filters: PrivacyListFilters, items: TPrivacyRequest[]): TPrivacyRequest[] {
  return filters.tab === 'open' ? items.filter((item) => !isClosed(item.status)) : items;
}
