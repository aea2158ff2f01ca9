import { dayNumber, formatDay, monthBounds, weekStart, type Day } from './days.js';
import { customerMovements } from './movements.js';
import { MOVEMENT_KINDS, type MovementKind, type TimelinePoint } from './revenue.types.js';

/**
 * Buckets of UTC days (day, ISO week from Monday, calendar month) and the figures of
 * each bucket, from customer timelines: MRR and paying customers at the bucket's start
 * (end of the day before) and end, movement sums and counts, net new MRR, and the MRR
 * still held by the customers who were paying at the start (for NRR and GRR).
 */
export type PeriodInterval = 'day' | 'week' | 'month';

export interface Period {
  /** `2025-03` for a month, the Monday `2025-03-03` for a week, the day for a day. */
  label: string;
  startDay: Day;
  endDay: Day;
}

function bucketOf(dayNo: number, interval: PeriodInterval): { first: number; nextFirst: number } {
  if (interval === 'day') return { first: dayNo, nextFirst: dayNo + 1 };
  if (interval === 'week') return { first: weekStart(dayNo), nextFirst: weekStart(dayNo) + 7 };
  return monthBounds(dayNo);
}

/** The whole buckets covering `from`..`to` (inclusive), in order. */
export function periodsBetween(from: Day, to: Day, interval: PeriodInterval): Period[] {
  const last = dayNumber(to);
  const periods: Period[] = [];
  for (let dayNo = bucketOf(dayNumber(from), interval).first; dayNo <= last; ) {
    const { first, nextFirst } = bucketOf(dayNo, interval);
    const startDay = formatDay(first);
    periods.push({ label: interval === 'month' ? startDay.slice(0, 7) : startDay, startDay, endDay: formatDay(nextFirst - 1) });
    dayNo = nextFirst;
  }
  return periods;
}

export type MovementTotals = Record<MovementKind, number>;

export interface PeriodFigures extends Period {
  mrrStart: number;
  mrr: number;
  customersStart: number;
  customers: number;
  /** Cents per kind; contraction and churn negative. */
  movements: MovementTotals;
  /** How many movements of each kind (a customer can churn, come back and churn again). */
  movementCounts: MovementTotals;
  /** Sum of all movements = mrr − mrrStart. */
  netNew: number;
  /** MRR at the end of the customers paying at the start. */
  retainedMrr: number;
  /** The same, each customer capped at their start MRR (expansion not counted). */
  retainedMrrCapped: number;
}

const zeroTotals = (): MovementTotals => Object.fromEntries(MOVEMENT_KINDS.map((k) => [k, 0])) as MovementTotals;

function emptyFigures(period: Period): PeriodFigures {
  return { ...period, mrrStart: 0, mrr: 0, customersStart: 0, customers: 0, movements: zeroTotals(), movementCounts: zeroTotals(), netNew: 0, retainedMrr: 0, retainedMrrCapped: 0 };
}

/** A timeline's value at the end of each of the given (ascending) days, in one pass. */
function valuesAt(timeline: readonly TimelinePoint[], days: readonly Day[]): number[] {
  let index = 0;
  let value = 0;
  return days.map((day) => {
    while (index < timeline.length && timeline[index]![0] <= day) value = timeline[index++]![1];
    return value;
  });
}

export function aggregatePeriods(timelines: ReadonlyMap<string, readonly TimelinePoint[]>, periods: readonly Period[]): PeriodFigures[] {
  const figures = periods.map(emptyFigures);
  const dayBefore = (day: Day) => formatDay(dayNumber(day) - 1);
  const startDays = periods.map((p) => dayBefore(p.startDay));
  const endDays = periods.map((p) => p.endDay);
  for (const [customerId, timeline] of timelines) {
    const starts = valuesAt(timeline, startDays);
    const ends = valuesAt(timeline, endDays);
    figures.forEach((f, i) => {
      const [start, end] = [starts[i]!, ends[i]!];
      f.mrrStart += start;
      f.mrr += end;
      f.customersStart += start > 0 ? 1 : 0;
      f.customers += end > 0 ? 1 : 0;
      if (start > 0) {
        f.retainedMrr += end;
        f.retainedMrrCapped += Math.min(start, end);
      }
    });
    addMovements(figures, customerMovements(customerId, timeline));
  }
  return figures;
}

function addMovements(figures: PeriodFigures[], movements: ReturnType<typeof customerMovements>): void {
  let p = 0;
  for (const movement of movements) {
    while (p < figures.length && figures[p]!.endDay < movement.day) p += 1;
    const period = figures[p];
    if (!period || movement.day < period.startDay) continue;
    period.movements[movement.kind] += movement.amountCents;
    period.movementCounts[movement.kind] += 1;
    period.netNew += movement.amountCents;
  }
}
