import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayNumberOf, formatDay } from './days.js';
import { customerMovements } from './movements.js';
import { aggregatePeriods, periodsBetween, type PeriodInterval } from './periods.js';
import { companyHistory } from './revenue.arbitraries.js';
import { REVENUE_POLICY_NAMES, type RevenueOptions, type SubscriptionState } from './revenue.types.js';
import { buildTimelines, mrrAt } from './timeline.js';

/**
 * Properties over generated histories, for every policy. MRR on a day is computed
 * directly from history with `mrrAt`, independently of the timeline's change days;
 * the movements (derived from the timeline) must add up to it for every customer and
 * every day, week and month. numRuns keeps the file to a few seconds.
 */
const RUNS = 30;
const INTERVALS: PeriodInterval[] = ['day', 'week', 'month'];
const policies = (pastDueChurnDays: number): RevenueOptions[] => REVENUE_POLICY_NAMES.map((policy) => ({ policy, currency: 'usd', pastDueChurnDays }));

/** From the day before the first state to four months after the last (coupon ends, grace, paid periods). */
function dayRange(history: SubscriptionState[]): { from: string; to: string } {
  const days = history.map((s) => dayNumberOf(s.effectiveAt));
  return { from: formatDay(Math.min(...days) - 1), to: formatDay(Math.max(...days) + 120) };
}

const customersOf = (history: SubscriptionState[]) => [...new Set(history.map((s) => s.customerId))];
const historyOf = (history: SubscriptionState[], customerId: string) => history.filter((s) => s.customerId === customerId);

describe('MRR movements (property)', () => {
  it('sum of each period’s movements = MRR(end) − MRR(start), per customer and in total, every policy and interval', () => {
    fc.assert(
      fc.property(companyHistory, fc.integer({ min: 1, max: 45 }), (history, pastDueChurnDays) => {
        const { from, to } = dayRange(history);
        const days = Array.from({ length: dayNumber(to) - dayNumber(from) + 1 }, (_, i) => formatDay(dayNumber(from) + i));
        for (const options of policies(pastDueChurnDays)) {
          const { timelines } = buildTimelines(history, options);
          const direct = new Map(customersOf(history).map((c) => [c, historyOf(history, c)] as const).map(([c, own]) => [c, new Map(days.map((d) => [d, mrrAt(own, d, options)]))]));
          const mrrOn = (customerId: string, day: string) => direct.get(customerId)!.get(day) ?? 0;
          const mismatches: string[] = [];
          for (const interval of INTERVALS) {
            const periods = periodsBetween(formatDay(dayNumber(from) + 1), to, interval).filter((p) => p.endDay <= to);
            for (const [customerId, timeline] of timelines) {
              const movements = customerMovements(customerId, timeline);
              for (const p of periods) {
                const sum = movements.filter((m) => m.day >= p.startDay && m.day <= p.endDay).reduce((s, m) => s + m.amountCents, 0);
                const change = mrrOn(customerId, p.endDay) - mrrOn(customerId, formatDay(dayNumber(p.startDay) - 1));
                if (sum !== change) mismatches.push(`${options.policy} ${customerId} ${p.label}: movements ${sum} ≠ change ${change}`);
              }
            }
            for (const f of aggregatePeriods(timelines, periods)) {
              const direct = customersOf(history).reduce((s, c) => s + mrrOn(c, f.endDay), 0);
              if (f.netNew !== f.mrr - f.mrrStart || f.mrr !== direct) mismatches.push(`${options.policy} total ${f.label}: netNew ${f.netNew}, mrr ${f.mrrStart} → ${f.mrr}, direct ${direct}`);
            }
          }
          // One assertion per policy and run: the list names every period that disagrees.
          expect(mismatches).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('classifies consistently: new once and first, reactivation only after churn, signs by kind', () => {
    fc.assert(
      fc.property(companyHistory, fc.integer({ min: 1, max: 45 }), (history, pastDueChurnDays) => {
        for (const options of policies(pastDueChurnDays)) {
          for (const [customerId, timeline] of buildTimelines(history, options).timelines) {
            const movements = customerMovements(customerId, timeline);
            expect(movements.filter((m) => m.kind === 'new').length).toBeLessThanOrEqual(1);
            if (movements.length > 0) expect(movements[0]!.kind).toBe('new');
            let churned = false;
            for (const m of movements) {
              expect(m.amountCents).toBe(m.mrrAfter - m.mrrBefore);
              if (m.kind === 'new' || m.kind === 'reactivation') expect([m.mrrBefore > 0, m.mrrAfter > 0]).toEqual([false, true]);
              if (m.kind === 'reactivation') expect(churned).toBe(true);
              if (m.kind === 'churn') expect([m.mrrBefore > 0, m.mrrAfter]).toEqual([true, 0]);
              if (m.kind === 'expansion') expect(m.mrrBefore > 0 && m.amountCents > 0).toBe(true);
              if (m.kind === 'contraction') expect(m.mrrAfter > 0 && m.amountCents < 0).toBe(true);
              churned ||= m.kind === 'churn';
            }
          }
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('never adds another currency, and reports every such subscription', () => {
    fc.assert(
      fc.property(companyHistory, fc.integer({ min: 0, max: 500 }), (history, offset) => {
        const day = formatDay(dayNumber('2025-01-01') + offset);
        const inUsd = history.filter((s) => s.currency === 'usd');
        for (const options of policies(30)) {
          for (const customerId of customersOf(history)) expect(mrrAt(historyOf(history, customerId), day, options)).toBe(mrrAt(historyOf(inUsd, customerId), day, options));
          expect(buildTimelines(history, options).excluded.count).toBe(new Set(history.filter((s) => s.currency !== 'usd').map((s) => s.subscriptionId)).size);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('orders the policies that only add deductions: baremetrics ≤ chartmogul ≤ stripe on every day', () => {
    fc.assert(
      fc.property(companyHistory, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 45 }), (history, offset, pastDueChurnDays) => {
        const day = formatDay(dayNumber('2025-01-01') + offset);
        for (const customerId of customersOf(history)) {
          const [stripe, chartmogul, baremetrics] = (['stripe', 'chartmogul', 'baremetrics'] as const).map((policy) => mrrAt(historyOf(history, customerId), day, { policy, currency: 'usd', pastDueChurnDays }));
          expect(chartmogul).toBeLessThanOrEqual(stripe!);
          expect(baremetrics).toBeLessThanOrEqual(chartmogul!);
        }
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
