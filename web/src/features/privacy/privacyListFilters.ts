import { PRIVACY_DEADLINE_VIEWS, PRIVACY_REQUEST_KINDS, type TPrivacyListRequest, type TPrivacyRequestKind } from '@opsdesk/shared';

/**
 * The list's tabs and kind filter, kept in the address (`#/privacy?view=overdue&kind=erasure`)
 * so a home card can link to a view. "Open" is every request still needing an answer (the
 * server's `open` filter), "All" includes the completed and rejected ones.
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
  return { ...(view ? { view } : {}), ...(filters.tab === 'open' ? { open: true } : {}), ...(filters.kind ? { kind: filters.kind } : {}) };
}
