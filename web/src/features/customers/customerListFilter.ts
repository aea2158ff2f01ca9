import type { TCustomerListFilter } from '@opsdesk/shared';

/**
 * The list's filter form holds what people type (dates, MRR in dollars); the API takes
 * ISO datetimes and cents. Converting both ways in one place lets saved filters (stored
 * in API form, shared between staff) be applied back to the form.
 */
export type CustomerFilterForm = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const dollarsToCents = (value: unknown) => (value === '' || value === null || value === undefined || Number.isNaN(Number(value)) ? undefined : Math.round(Number(value) * 100));

function dayStart(value: unknown, endOfDay: boolean): string | undefined {
  const day = text(value);
  if (!day) return undefined;
  const date = new Date(`${day.slice(0, 10)}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toApiFilter(form: CustomerFilterForm): TCustomerListFilter {
  const filter: TCustomerListFilter = {
    status: text(form.status) as TCustomerListFilter['status'],
    plan: text(form.plan),
    country: text(form.country)?.toUpperCase(),
    signupFrom: dayStart(form.signupFrom, false),
    signupTo: dayStart(form.signupTo, true),
    hasFailedPayment: typeof form.hasFailedPayment === 'boolean' ? form.hasFailedPayment : undefined,
    mrrMin: dollarsToCents(form.mrrMin),
    mrrMax: dollarsToCents(form.mrrMax),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as TCustomerListFilter;
}

export function toFormFilter(filter: TCustomerListFilter): CustomerFilterForm {
  const form: CustomerFilterForm = {
    status: filter.status,
    plan: filter.plan,
    country: filter.country,
    signupFrom: filter.signupFrom?.slice(0, 10),
    signupTo: filter.signupTo?.slice(0, 10),
    hasFailedPayment: filter.hasFailedPayment,
    mrrMin: filter.mrrMin === undefined ? undefined : filter.mrrMin / 100,
    mrrMax: filter.mrrMax === undefined ? undefined : filter.mrrMax / 100,
  };
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined));
}

/** The streamed CSV of exactly what the list shows (same-origin link: the session cookie goes along). */
export function exportUrl(form: CustomerFilterForm): string {
  return `/api/customers/export.csv?filter=${encodeURIComponent(JSON.stringify(toApiFilter(form)))}`;
}
