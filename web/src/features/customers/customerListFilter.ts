import type { TCustomerListFilter, TCustomerListSort } from '@opsdesk/shared';

/**
 * The list's filter form holds what people type (dates, MRR in dollars); the API takes
 * ISO datetimes and cents. Converting both ways in one place lets saved filters (stored
 * in API form, shared between staff) be applied back to the form.
 */
export type CustomerFilterForm = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A cleared number input may hold "" or spaces, which Number() would read as 0 dollars. */
function dollarsToCents(value: unknown): number | undefined {
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const dollars = Number(value);
  return Number.isFinite(dollars) ? Math.round(dollars * 100) : undefined;
}

/** Whole UTC days; a day that does not exist (Feb 30) is dropped, not rolled into March. */
function dayStart(value: unknown, endOfDay: boolean): string | undefined {
  const day = text(value)?.slice(0, 10);
  if (!day) return undefined;
  const date = new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? undefined : date.toISOString();
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

/** The streamed CSV of exactly what the list shows, in its order (same-origin link: the session cookie goes along). */
export function exportUrl(form: CustomerFilterForm, sort: TCustomerListSort = 'signup_desc'): string {
  return `/api/customers/export.csv?filter=${encodeURIComponent(JSON.stringify(toApiFilter(form)))}&sort=${sort}`;
}
